package dev.asynccassandra.spring.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.error.FailureClassifier;
import dev.asynccassandra.api.error.FailureKind;
import dev.asynccassandra.api.error.SessionBusyException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.spring.metrics.AsyncCassandraMetrics;
import dev.asynccassandra.spring.metrics.MicrometerQueryEventListener;
import dev.asynccassandra.testing.EmbeddedNodeSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts beyond the driver's pool against one real node: with the session's default bound
 * (sized from the pool: 1 connection x 1,024 requests x 1 node) and admission queue,
 * 10,000 concurrent {@code execute} calls from 16 threads released from one start line
 * all succeed, and the queue depth and the waits show in the meters; with a small queue,
 * the calls beyond it fail at once with {@link SessionBusyException}.
 * <p>
 * Without the queue (a session whose bound is {@code Integer.MAX_VALUE}), the first test
 * failed 7,807 of its 10,000 calls with {@code AllNodesFailedException}
 * ({@code NodeUnavailableException: No connection was available}): the driver refuses a
 * request when its connection has no free stream id.
 * <p>
 * The node is this test's own: its read timeout is the requests' timeout, so that what
 * the test asserts (every request succeeds within its timeout) is what the node promises.
 * With the default 5 s, a run beside a CPU hog saw 1 of the 10,000 reads aborted by the
 * node ({@code ReadFailureException}, "Some operations timed out" in its log): 1,024
 * reads queued at a starved node can wait longer than 5 s there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionBurstIT {

	private static final int THREADS = 16;

	private static final String QUERY = "SELECT release_version FROM system.local WHERE key = 'local'";

	/**
	 * The requests' timeout, and so their longest wait in the queue: the burst must drain
	 * well within it even on a busy machine.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Duration BOUND = TIMEOUT.multipliedBy(2);

	private ExecutorService threads;

	private EmbeddedNodeSession node;

	private CqlSession cqlSession;

	@BeforeAll
	void startNode() {
		String timeout = "'" + TIMEOUT.toMillis() + "ms'";
		this.node = EmbeddedNodeSession.start(
				EmbeddedCassandraConfig.builder()
					.nativePort(0)
					.storagePort(0)
					.cleanStart(true)
					.dataDirectory(EmbeddedNodeSession.dataDirectory("admission-burst"))
					.yamlEntry("read_request_timeout", timeout)
					.build(),
				DriverConfigLoader.programmaticBuilder()
					.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT)
					.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(20))
					.withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(20))
					.withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
					.build());
		this.cqlSession = this.node.session();
	}

	@AfterAll
	void stopNode() {
		if (this.node != null) {
			this.node.close();
		}
	}

	@BeforeEach
	void startThreads() {
		this.threads = Executors.newFixedThreadPool(THREADS + 1);
	}

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.threads.shutdownNow();
		assertThat(this.threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void tenThousandConcurrentExecutesAllSucceedAndTheQueueShowsInTheMeters() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		AsyncSession session = session(AsyncSession.builder().withCqlSession(this.cqlSession), registry);
		try {
			assertThat(registry.get(AsyncCassandraMetrics.IN_FLIGHT_LIMIT).gauge().value())
				.as("default bound: one connection x 1,024 requests x one node")
				.isEqualTo(1024);
			AtomicBoolean bursting = new AtomicBoolean(true);
			AtomicInteger peakQueued = new AtomicInteger();
			Future<?> sampler = this.threads.submit(() -> {
				while (bursting.get()) {
					int queued = (int) registry.get(AsyncCassandraMetrics.QUEUED).gauge().value();
					peakQueued.accumulateAndGet(queued, Math::max);
					Thread.onSpinWait();
				}
			});
			Burst burst = burst(session, 10_000);
			bursting.set(false);
			sampler.get(BOUND.toSeconds(), TimeUnit.SECONDS);
			System.out.println("10,000-call burst: " + burst + ", peak queue depth " + peakQueued.get());
			assertThat(burst.failures).as("failed calls").isEmpty();
			assertThat(burst.succeeded).hasValue(10_000);
			assertThat(peakQueued.get()).as("peak of the queue depth gauge").isPositive();
			Timer waits = registry.get(MicrometerQueryEventListener.QUEUE_WAIT).tag("operation", "execute").timer();
			assertThat(waits.count()).as("requests that waited").isPositive();
			assertThat(waits.max(TimeUnit.NANOSECONDS)).as("longest wait").isPositive();
			assertThat(registry.get(AsyncCassandraMetrics.QUEUED).gauge().value()).isZero();
			assertThat(session.inFlightCount()).isZero();
		}
		finally {
			session.closeAsync().get(BOUND.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void aBurstBeyondTheQueueBoundFailsFastWithSessionBusyException() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		AsyncSession session = session(AsyncSession.builder()
			.withCqlSession(this.cqlSession)
			.withMaxRequestsInFlight(32)
			.withMaxQueuedRequests(64), registry);
		try {
			Burst burst = burst(session, 2_000);
			System.out.println("2,000-call burst, bound 32, queue 64: " + burst);
			assertThat(burst.failures).as("failures other than SessionBusyException(QUEUE_FULL) at once")
				.allSatisfy((failure) -> assertThat(failure).isEqualTo("busy at once"));
			assertThat(burst.failures).as("calls refused").isNotEmpty();
			assertThat(burst.succeeded.get() + burst.failures.size()).isEqualTo(2_000);
			assertThat(burst.succeeded.get()).as("at least what the bound and the queue hold")
				.isGreaterThanOrEqualTo(96);
			assertThat(registry.get(MicrometerQueryEventListener.REQUESTS)
				.tags("outcome", "rejected", "exception", SessionBusyException.class.getSimpleName())
				.timer()
				.count()).isEqualTo(burst.failures.size());
			assertThat(session.inFlightCount()).isZero();
		}
		finally {
			session.closeAsync().get(BOUND.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private static AsyncSession session(AsyncSessionBuilder builder, MeterRegistry registry) {
		AsyncSession session = builder.withCloseCqlSession(false)
			.withDefaultTimeout(TIMEOUT)
			.addListener(new MicrometerQueryEventListener(registry))
			.build();
		new AsyncCassandraMetrics(session).bindTo(registry);
		return session;
	}

	/**
	 * Makes the calls from {@value #THREADS} threads released together, then waits for
	 * every future (bounded by twice the requests' timeout).
	 */
	private Burst burst(AsyncSession session, int calls) throws Exception {
		Burst burst = new Burst();
		CyclicBarrier startLine = new CyclicBarrier(THREADS);
		List<Future<?>> callers = new ArrayList<>();
		for (int thread = 0; thread < THREADS; thread++) {
			int share = calls / THREADS + ((thread < calls % THREADS) ? 1 : 0);
			callers.add(this.threads.submit(() -> {
				startLine.await(BOUND.toSeconds(), TimeUnit.SECONDS);
				for (int call = 0; call < share; call++) {
					CompletableFuture<AsyncResult> future = session.execute(QUERY);
					boolean doneAtReturn = future.isDone();
					burst.futures.add(future.whenComplete((result, error) -> burst.record(error, doneAtReturn)));
				}
				return null;
			}));
		}
		for (Future<?> caller : callers) {
			caller.get(BOUND.toSeconds(), TimeUnit.SECONDS);
		}
		CompletableFuture.allOf(burst.futures.toArray(new CompletableFuture<?>[0]))
			.handle((ignored, error) -> null)
			.get(BOUND.toSeconds(), TimeUnit.SECONDS);
		return burst;
	}

	private static final class Burst {

		final Queue<CompletableFuture<AsyncResult>> futures = new ConcurrentLinkedQueue<>();

		final AtomicInteger succeeded = new AtomicInteger();

		final Queue<String> failures = new ConcurrentLinkedQueue<>();

		void record(Throwable error, boolean doneAtReturn) {
			if (error == null) {
				this.succeeded.incrementAndGet();
			}
			else if (error instanceof SessionBusyException busy
					&& busy.reason() == SessionBusyException.Reason.QUEUE_FULL && doneAtReturn
					&& FailureClassifier.classify(busy) == FailureKind.RETRYABLE) {
				this.failures.add("busy at once");
			}
			else {
				this.failures.add(error.toString());
			}
		}

		@Override
		public String toString() {
			return "succeeded=" + this.succeeded.get() + ", failed=" + this.failures.size();
		}

	}

}
