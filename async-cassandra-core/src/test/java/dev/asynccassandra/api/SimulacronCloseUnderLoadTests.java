package dev.asynccassandra.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.testing.SimulacronCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R1 and R2: graceful and forced close with about 1,000 requests in flight, each delayed
 * by 20 ms by the simulated node, once; and 100 rounds of each with 100 in flight.
 */
class SimulacronCloseUnderLoadTests {

	private static final int PRODUCERS = 4;

	private static final int MAX_IN_FLIGHT = 1000;

	private static final int CALLS_AFTER_CLOSE = 50;

	/** Rounds of the repeated races, each with a fresh session. */
	private static final int ROUNDS = 100;

	/** Requests kept in flight in each of those rounds. */
	private static final int ROUND_IN_FLIGHT = 100;

	/**
	 * How long the futures of a forced close may take to end once every producer has
	 * returned: a hang detector, not a latency claim. The node answers each request
	 * within 20 ms, so only a request the close never ends would reach it; completions
	 * run on the session's executor, which a busy machine can delay by seconds (1 s was
	 * exceeded once beside a CPU hog).
	 */
	private static final Duration HANG_BOUND = Duration.ofSeconds(10);

	private static SimulacronCluster simulacron;

	private static CqlSession cqlSession;

	private final ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);

	@BeforeAll
	static void start() {
		simulacron = SimulacronCluster.start(1);
		cqlSession = simulacron.newCqlSession(Duration.ofSeconds(10));
		simulacron.prime(PrimeDsl.when("SELECT load").then(PrimeDsl.noRows()).delay(20, TimeUnit.MILLISECONDS));
		warmUp();
	}

	/**
	 * Drives the new connection once at full load, outside any assertion.
	 */
	private static void warmUp() {
		List<CompletableFuture<?>> warmUp = new ArrayList<>();
		for (int i = 0; i < MAX_IN_FLIGHT; i++) {
			warmUp.add(cqlSession.executeAsync("SELECT load").toCompletableFuture());
		}
		long failed = warmUp.stream()
			.map((future) -> future.handle((result, error) -> error).join())
			.filter((error) -> error != null)
			.count();
		System.out.println("warm-up failures: " + failed);
	}

	@AfterAll
	static void stop() {
		cqlSession.close();
		simulacron.close();
	}

	@BeforeEach
	void awaitConnection() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> cqlSession.execute("SELECT load") != null);
	}

	@AfterEach
	void stopProducers() {
		this.producers.shutdownNow();
	}

	@Test
	void gracefulCloseWithAThousandRequestsInFlightCompletesEveryAdmittedRequest() throws Exception {
		assertGracefulCloseUnderLoad(MAX_IN_FLIGHT);
	}

	@Test
	void gracefulCloseUnderLoadCompletesEveryAdmittedRequestInEveryRound() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			assertGracefulCloseUnderLoad(ROUND_IN_FLIGHT);
		}
	}

	private void assertGracefulCloseUnderLoad(int maxInFlight) throws Exception {
		AsyncSession session = AsyncSession.builder().withCqlSession(cqlSession).withCloseCqlSession(false).build();
		Load load = runUntilClosed(session, AsyncSession::closeAsync, maxInFlight);
		load.awaitAll(Duration.ofSeconds(30));
		assertThat(load.unexpected).isEmpty();
		assertThat(load.failedAfterAdmission).hasValue(0);
		assertThat(load.succeeded.get()).isGreaterThanOrEqualTo(load.admittedBeforeClose.get());
		assertThat(load.lateCallsNotFailedFast).hasValue(0);
		assertThat(load.lateCalls.get()).isGreaterThanOrEqualTo(PRODUCERS * CALLS_AFTER_CLOSE);
		assertThat(session.inFlightCount()).isZero();
		assertThat(load.closed).succeedsWithin(Duration.ofSeconds(10));
	}

	@Test
	void forceCloseWithAThousandRequestsInFlightEndsEveryRequestWithinABound() throws Exception {
		assertForceCloseUnderLoad(MAX_IN_FLIGHT);
	}

	@Test
	void forceCloseUnderLoadEndsEveryRequestWithinABoundInEveryRound() throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			assertForceCloseUnderLoad(ROUND_IN_FLIGHT);
		}
	}

	private void assertForceCloseUnderLoad(int maxInFlight) throws Exception {
		AsyncSession session = AsyncSession.builder().withCqlSession(cqlSession).withCloseCqlSession(false).build();
		Load load = runUntilClosed(session, AsyncSession::forceCloseAsync, maxInFlight);
		load.awaitAll(HANG_BOUND);
		assertThat(load.unexpected).isEmpty();
		assertThat(load.lateCallsNotFailedFast).hasValue(0);
		assertThat(session.inFlightCount()).isZero();
		assertThat(load.closed).succeedsWithin(Duration.ofSeconds(10));
	}

	@Test
	void closingAnOwnedDriverSessionClosesItOnceUnderLoad() throws Exception {
		CqlSession owned = simulacron.newCqlSession(Duration.ofSeconds(10));
		AsyncSession session = AsyncSession.builder().withCqlSession(owned).build();
		Load load = runUntilClosed(session, AsyncSession::closeAsync, MAX_IN_FLIGHT);
		load.awaitAll(Duration.ofSeconds(30));
		assertThat(load.unexpected).isEmpty();
		assertThat(load.failedAfterAdmission).hasValue(0);
		assertThat(load.closed).succeedsWithin(Duration.ofSeconds(10));
		assertThat(owned.isClosed()).isTrue();
	}

	private Load runUntilClosed(AsyncSession session, Function<AsyncSession, CompletableFuture<Void>> close,
			int maxInFlight) throws Exception {
		Load load = new Load(maxInFlight);
		CountDownLatch started = new CountDownLatch(PRODUCERS);
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < PRODUCERS; i++) {
			running.add(this.producers.submit(() -> {
				started.countDown();
				int callsAfterClose = 0;
				while (callsAfterClose < CALLS_AFTER_CLOSE) {
					boolean closeReturned = load.closeReturned;
					if (!load.window.tryAcquire(10, TimeUnit.SECONDS)) {
						throw new IllegalStateException("no permit");
					}
					CompletableFuture<AsyncResult> future = session.execute("SELECT load");
					boolean doneAtReturn = future.isDone();
					load.track(future, closeReturned, doneAtReturn);
					if (closeReturned) {
						callsAfterClose++;
					}
				}
				return null;
			}));
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> session.inFlightCount() >= maxInFlight / 2);
		// Successes first: a request releases its slot before its future
		// completes, so one that ends between the two reads is counted at
		// most once (in-flight first could count it twice).
		long succeededBeforeClose = load.succeeded.get();
		load.admittedBeforeClose.set(succeededBeforeClose + session.inFlightCount());
		load.closed = close.apply(session);
		load.closeReturned = true;
		for (Future<?> producer : running) {
			producer.get(30, TimeUnit.SECONDS);
		}
		return load;
	}

	static final class Load {

		final Semaphore window;

		final Queue<CompletableFuture<?>> futures = new ConcurrentLinkedQueue<>();

		final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

		final AtomicLong succeeded = new AtomicLong();

		final AtomicLong admittedBeforeClose = new AtomicLong();

		final AtomicInteger failedAfterAdmission = new AtomicInteger();

		final AtomicInteger lateCalls = new AtomicInteger();

		final AtomicInteger lateCallsNotFailedFast = new AtomicInteger();

		volatile boolean closeReturned;

		volatile CompletableFuture<Void> closed;

		Load(int maxInFlight) {
			this.window = new Semaphore(maxInFlight);
		}

		void track(CompletableFuture<AsyncResult> future, boolean afterClose, boolean doneAtReturn) {
			if (afterClose) {
				this.lateCalls.incrementAndGet();
				if (!doneAtReturn || !future.isCompletedExceptionally()) {
					this.lateCallsNotFailedFast.incrementAndGet();
				}
			}
			this.futures.add(future.whenComplete((result, error) -> {
				this.window.release();
				if (error == null) {
					this.succeeded.incrementAndGet();
				}
				else if (error instanceof SessionClosedException closed) {
					if (closed.wasAdmitted()) {
						this.failedAfterAdmission.incrementAndGet();
					}
				}
				else {
					this.unexpected.add(error);
				}
			}));
		}

		void awaitAll(Duration bound) throws Exception {
			CompletableFuture.allOf(this.futures.toArray(new CompletableFuture<?>[0]))
				.handle((ignored, error) -> null)
				.get(bound.toMillis(), TimeUnit.MILLISECONDS);
		}

	}

}
