package dev.asynccassandra.internal.session;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller's context (MDC, the current Observation) is restored around the code the
 * session runs for the caller on its executor, and gone from the thread afterwards.
 */
class ContextPropagationTests {

	private static final String MDC_KEY = "request.id";

	private static final Slf4jThreadLocalAccessor MDC_ACCESSOR = new Slf4jThreadLocalAccessor(MDC_KEY);

	private final MockDriver driver = new MockDriver();

	/** One thread, so that "the next task on the same thread" is certain. */
	private final ExecutorService completions = Executors
		.newSingleThreadExecutor((task) -> new Thread(task, "completions"));

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final List<DefaultAsyncSession> sessions = new ArrayList<>();

	ContextPropagationTests() {
		// Without a handler the registry hands out no-op observations.
		this.observations.observationConfig().observationHandler((context) -> true);
	}

	@BeforeAll
	static void registerMdc() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(MDC_ACCESSOR);
	}

	@AfterAll
	static void unregisterMdc() {
		ContextRegistry.getInstance().removeThreadLocalAccessor(MDC_ACCESSOR.key());
	}

	@AfterEach
	void close() throws Exception {
		for (DefaultAsyncSession session : this.sessions) {
			session.forceCloseAsync().get(5, TimeUnit.SECONDS);
		}
		MDC.clear();
		this.completions.shutdownNow();
		this.completions.awaitTermination(5, TimeUnit.SECONDS);
		this.driver.close();
	}

	@Test
	void continuationsRunInTheCallersContextAndTheNextTaskSeesNone() throws Exception {
		DefaultAsyncSession session = session(true);
		Observation caller = Observation.start("http.server.requests", this.observations);
		CompletableFuture<Seen> inThenApply;
		CompletableFuture<Seen> inWhenComplete = new CompletableFuture<>();
		MDC.put(MDC_KEY, "r-42");
		Observation.Scope scope = caller.openScope();
		try {
			CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
			inThenApply = future.thenApply((result) -> Seen.now(this.observations));
			future.whenComplete((result, error) -> inWhenComplete.complete(Seen.now(this.observations)));
		}
		finally {
			scope.close();
			MDC.remove(MDC_KEY);
		}
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		Seen expected = new Seen("r-42", caller, "completions");
		assertThat(inThenApply.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
		assertThat(inWhenComplete.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
		assertThat(nextTaskOnTheCompletionThread()).isEqualTo(Seen.NOTHING);
		caller.stop();
	}

	@Test
	void failuresCompleteInTheCallersContextToo() throws Exception {
		DefaultAsyncSession session = session(true);
		CompletableFuture<Seen> seen;
		MDC.put(MDC_KEY, "r-failing");
		try {
			seen = session.execute("SELECT 1").handle((result, error) -> Seen.now(this.observations));
		}
		finally {
			MDC.remove(MDC_KEY);
		}
		this.driver.failOnIoThread(this.driver.nextExecution(), new IllegalStateException("boom"));
		assertThat(seen.get(5, TimeUnit.SECONDS).mdc()).isEqualTo("r-failing");
		assertThat(nextTaskOnTheCompletionThread()).isEqualTo(Seen.NOTHING);
	}

	@Test
	void streamSignalsRunInTheSubscribersContext() throws Exception {
		DefaultAsyncSession session = session(true);
		RowPublisher<Row> rows = session.stream(SimpleStatement.newInstance("SELECT k FROM t"));
		Observation subscriber = Observation.start("http.server.requests", this.observations);
		ContextRecordingSubscriber recorder = new ContextRecordingSubscriber(this.observations);
		MDC.put(MDC_KEY, "r-stream");
		Observation.Scope scope = subscriber.openScope();
		try {
			rows.subscribe(recorder);
		}
		finally {
			scope.close();
			MDC.remove(MDC_KEY);
		}
		this.driver.completeOnIoThread(this.driver.nextExecution(), lastPage(Mockito.mock(Row.class)));
		Seen expected = new Seen("r-stream", subscriber, "completions");
		assertThat(recorder.onSubscribe.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
		assertThat(recorder.onNext.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
		assertThat(recorder.onComplete.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
		assertThat(nextTaskOnTheCompletionThread()).isEqualTo(Seen.NOTHING);
		subscriber.stop();
	}

	@Test
	void whatAnEarlierTaskLeftOnThePoolThreadIsHiddenAndThenPutBack() throws Exception {
		DefaultAsyncSession session = session(true);
		this.completions.submit(() -> MDC.put(MDC_KEY, "left-behind")).get(5, TimeUnit.SECONDS);
		CompletableFuture<Seen> seen = session.execute("SELECT 1").thenApply((result) -> Seen.now(this.observations));
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(new Seen(null, null, "completions"));
		assertThat(nextTaskOnTheCompletionThread().mdc()).isEqualTo("left-behind");
	}

	@Test
	void aNextPageCompletesInTheContextOfTheThreadThatAskedForIt() throws Exception {
		DefaultAsyncSession session = session(true);
		CompletableFuture<AsyncResult> first = session.execute("SELECT k FROM t");
		CompletableFuture<AsyncResultSet> secondPage = new CompletableFuture<>();
		this.driver.completeOnIoThread(this.driver.nextExecution(), pageWithMore(secondPage));
		AsyncResult result = first.get(5, TimeUnit.SECONDS);
		CompletableFuture<Seen> seen;
		MDC.put(MDC_KEY, "r-page-2");
		try {
			seen = result.fetchNextPage().thenApply((page) -> Seen.now(this.observations));
		}
		finally {
			MDC.remove(MDC_KEY);
		}
		this.driver.completeOnIoThread(secondPage, this.driver.emptyResultSet);
		assertThat(seen.get(5, TimeUnit.SECONDS).mdc()).isEqualTo("r-page-2");
	}

	@RepeatedTest(3)
	void concurrentCallersEachGetTheirOwnContextAndThePoolKeepsNone() throws Exception {
		int threads = 16;
		int callsPerThread = 2_000;
		ExecutorService pool = Executors.newFixedThreadPool(2, (task) -> new Thread(task, "completions-2"));
		try (MockDriver driver = new MockDriver().autoComplete()) {
			// The queue holds every call: how fast completions keep up (a busy machine)
			// must not turn calls into SessionBusyException, a legal outcome this test is
			// not about.
			DefaultAsyncSession session = driver.session(new SessionSettings(pool, Duration.ofSeconds(30),
					Duration.ofSeconds(30), true, StreamOptions.defaults(), null, threads * callsPerThread, true));
			this.sessions.add(session);
			CyclicBarrier start = new CyclicBarrier(threads);
			AtomicInteger mismatches = new AtomicInteger();
			List<CompletableFuture<?>> calls = new CopyOnWriteArrayList<>();
			List<Thread> callers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int caller = t;
				Thread thread = new Thread(() -> {
					awaitQuietly(start);
					for (int i = 0; i < callsPerThread; i++) {
						String id = caller + "-" + i;
						MDC.put(MDC_KEY, id);
						try {
							calls.add(session.execute("SELECT 1").thenRun(() -> {
								if (!id.equals(MDC.get(MDC_KEY))) {
									mismatches.incrementAndGet();
								}
							}));
						}
						finally {
							MDC.remove(MDC_KEY);
						}
					}
				}, "caller-" + caller);
				thread.start();
				callers.add(thread);
			}
			for (Thread caller : callers) {
				caller.join(TimeUnit.SECONDS.toMillis(30));
				assertThat(caller.isAlive()).as("caller thread still running").isFalse();
			}
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			assertThat(calls).hasSize(threads * callsPerThread);
			assertThat(mismatches).hasValue(0);
			for (int i = 0; i < 4; i++) {
				assertThat(pool.submit(() -> MDC.get(MDC_KEY)).get(5, TimeUnit.SECONDS)).isNull();
			}
		}
		finally {
			pool.shutdownNow();
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void withPropagationOffNothingIsCarried() throws Exception {
		DefaultAsyncSession session = session(false);
		CompletableFuture<Seen> seen;
		MDC.put(MDC_KEY, "r-off");
		try {
			seen = session.execute("SELECT 1").thenApply((result) -> Seen.now(this.observations));
		}
		finally {
			MDC.remove(MDC_KEY);
		}
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(new Seen(null, null, "completions"));
	}

	@Test
	void withoutTheLibraryNothingIsCaptured() throws Exception {
		try (URLClassLoader withoutLibrary = new URLClassLoader(new URL[0], null)) {
			assertThat(ContextCapture.of(true, withoutLibrary)).isSameAs(ContextCapture.NONE);
		}
		assertThat(ContextCapture.of(false, getClass().getClassLoader())).isSameAs(ContextCapture.NONE);
		assertThat(ContextCapture.of(true, getClass().getClassLoader())).isNotSameAs(ContextCapture.NONE);
	}

	private DefaultAsyncSession session(boolean propagateContext) {
		return this.driver
			.session(new SessionSettings(this.completions, Duration.ofSeconds(30), Duration.ofSeconds(30), true,
					StreamOptions.defaults(), null, AsyncSessionBuilder.DEFAULT_MAX_QUEUED_REQUESTS, propagateContext));
	}

	private static void awaitQuietly(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The callers did not reach the start line", ex);
		}
	}

	private Seen nextTaskOnTheCompletionThread() throws Exception {
		return this.completions.submit(() -> Seen.now(this.observations)).get(5, TimeUnit.SECONDS);
	}

	private static AsyncResultSet lastPage(Row row) {
		AsyncResultSet page = Mockito.mock(AsyncResultSet.class);
		Mockito.when(page.remaining()).thenReturn(1);
		Mockito.when(page.currentPage()).thenReturn(List.of(row));
		Mockito.when(page.hasMorePages()).thenReturn(false);
		return page;
	}

	private static AsyncResultSet pageWithMore(CompletableFuture<AsyncResultSet> next) {
		AsyncResultSet page = Mockito.mock(AsyncResultSet.class);
		ExecutionInfo executionInfo = Mockito.mock(ExecutionInfo.class);
		Mockito.when(executionInfo.getPagingState()).thenReturn(ByteBuffer.wrap(new byte[] { 1 }));
		Mockito.when(page.hasMorePages()).thenReturn(true);
		Mockito.when(page.getExecutionInfo()).thenReturn(executionInfo);
		Mockito.when(page.fetchNextPage()).thenReturn(next);
		return page;
	}

	/**
	 * What a piece of code found on its thread.
	 */
	record Seen(@Nullable String mdc, @Nullable Observation observation, String thread) {

		static final Seen NOTHING = new Seen(null, null, "completions");

		static Seen now(ObservationRegistry observations) {
			return new Seen(MDC.get(MDC_KEY), observations.getCurrentObservation(), Thread.currentThread().getName());
		}

	}

	/**
	 * Records the context of each kind of signal.
	 */
	private static final class ContextRecordingSubscriber implements Flow.Subscriber<Row> {

		final CompletableFuture<Seen> onSubscribe = new CompletableFuture<>();

		final CompletableFuture<Seen> onNext = new CompletableFuture<>();

		final CompletableFuture<Seen> onComplete = new CompletableFuture<>();

		private final ObservationRegistry observations;

		ContextRecordingSubscriber(ObservationRegistry observations) {
			this.observations = observations;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.onSubscribe.complete(Seen.now(this.observations));
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Row item) {
			this.onNext.complete(Seen.now(this.observations));
		}

		@Override
		public void onError(Throwable throwable) {
			this.onComplete.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.onComplete.complete(Seen.now(this.observations));
		}

	}

}
