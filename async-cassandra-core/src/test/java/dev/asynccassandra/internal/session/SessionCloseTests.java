package dev.asynccassandra.internal.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.internal.event.QueueingQueryEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCloseTests {

	private static final int ITERATIONS = 200;

	private final ExecutorService pool = Executors.newFixedThreadPool(8);

	@AfterEach
	void shutdownPool() {
		this.pool.shutdownNow();
	}

	@Test
	void theEventOfARequestIsDeliveredWhenTheSessionClosesRightAfterIt() throws Exception {
		// The close drains once the last slot is released; the request's event must be
		// queued by then, or closing the publisher drops it.
		for (int round = 0; round < 300; round++) {
			try (MockDriver driver = new MockDriver().autoComplete()) {
				List<QueryEvent> events = new CopyOnWriteArrayList<>();
				QueueingQueryEventPublisher publisher = QueueingQueryEventPublisher.start(List.of(events::add));
				DefaultAsyncSession session = new DefaultAsyncSession(driver.cqlSession, MockDriver.settings(),
						publisher, List.of(publisher));
				session.execute("SELECT 1").get(5, TimeUnit.SECONDS);
				session.closeAsync().get(5, TimeUnit.SECONDS);
				assertThat(events).as("round %d", round).hasSize(1);
				assertThat(publisher.droppedCount()).isZero();
			}
		}
	}

	@RepeatedTest(3)
	void everyCloseReturnsOnlyOnceAdmissionHasStopped() throws Exception {
		int rounds = 2_000;
		List<String> violations = new CopyOnWriteArrayList<>();
		try (MockDriver driver = new MockDriver().autoComplete()) {
			SessionSettings settings = new SessionSettings(this.pool, Duration.ofSeconds(30), Duration.ofSeconds(30),
					true);
			for (int round = 0; round < rounds; round++) {
				DefaultAsyncSession session = driver.session(settings);
				CyclicBarrier start = new CyclicBarrier(2);
				List<Future<?>> closers = new ArrayList<>();
				for (int closer = 0; closer < 2; closer++) {
					closers.add(this.pool.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						CompletableFuture<Void> closed = session.closeAsync();
						// Whichever close won the race, admission has stopped once it
						// returned.
						CompletableFuture<AsyncResult> late = session.execute("SELECT 1");
						if (!late.isDone()) {
							violations.add("a call after closeAsync() returned was admitted");
						}
						return closed;
					}));
				}
				for (Future<?> closer : closers) {
					closer.get(10, TimeUnit.SECONDS);
				}
				session.closeAsync().get(10, TimeUnit.SECONDS);
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void gracefulCloseWaitsForInFlightRequestsThenClosesTheDriverSession() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			CompletableFuture<AsyncResult> admitted = session.execute("SELECT 1");
			CompletableFuture<AsyncResultSet> driverFuture = driver.nextExecution();
			CompletableFuture<Void> closed = session.closeAsync();
			assertThat(session.isClosed()).isTrue();
			CompletableFuture<AsyncResult> late = session.execute("SELECT 1");
			assertThat(late).isCompletedExceptionally();
			assertThat(late.handle((result, error) -> error).join())
				.isInstanceOfSatisfying(SessionClosedException.class, (ex) -> assertThat(ex.wasAdmitted()).isFalse());
			assertThat(closed).isNotDone();
			assertThat(driver.driverCloseCalls()).isZero();
			driver.completeOnIoThread(driverFuture, driver.emptyResultSet);
			assertThat(admitted.get(5, TimeUnit.SECONDS)).isNotNull();
			closed.get(5, TimeUnit.SECONDS);
			assertThat(driver.closeCalls).hasValue(1);
			assertThat(driver.forceCloseCalls).hasValue(0);
			assertThat(session.inFlightCount()).isZero();
		}
	}

	@Test
	void gracefulCloseForcesWhatIsLeftAfterTheDrainBound() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver
				.session(new SessionSettings(null, Duration.ofSeconds(30), Duration.ofMillis(100), true));
			CompletableFuture<AsyncResult> stuck = session.execute("SELECT 1");
			CompletableFuture<AsyncResultSet> driverFuture = driver.nextExecution();
			session.closeAsync().get(5, TimeUnit.SECONDS);
			assertThat(stuck.handle((result, error) -> error).get(5, TimeUnit.SECONDS))
				.isInstanceOfSatisfying(SessionClosedException.class, (ex) -> assertThat(ex.wasAdmitted()).isTrue());
			assertThat(driverFuture).isCancelled();
			assertThat(driver.forceCloseCalls).hasValue(1);
			assertThat(driver.closeCalls).hasValue(0);
			assertThat(session.inFlightCount()).isZero();
		}
	}

	@Test
	void forceCloseFailsInFlightRequestsAtOnce() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			List<CompletableFuture<AsyncResult>> futures = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				futures.add(session.execute("SELECT 1"));
			}
			session.forceCloseAsync().get(5, TimeUnit.SECONDS);
			CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
				.handle((ignored, error) -> null)
				.get(5, TimeUnit.SECONDS);
			assertThat(futures).allSatisfy((future) -> assertThat(future.handle((result, error) -> error).join())
				.isInstanceOf(SessionClosedException.class));
			assertThat(driver.executions).allSatisfy((future) -> assertThat(future).isCancelled());
			assertThat(session.inFlightCount()).isZero();
		}
	}

	@Test
	void aCallerCompletingItsCloseFutureChangesNeitherTheCloseNorOtherCallers() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			CompletableFuture<AsyncResult> admitted = session.execute("SELECT 1");
			CompletableFuture<AsyncResultSet> driverFuture = driver.nextExecution();
			CompletableFuture<Void> meddling = session.closeAsync();
			meddling.completeExceptionally(new IllegalStateException("a caller's own failure"));
			session.closeAsync().cancel(true);
			CompletableFuture<Void> other = session.closeAsync();
			assertThat(other).as("the close still waits for the admitted request").isNotDone();
			driver.completeOnIoThread(driverFuture, driver.emptyResultSet);
			assertThat(admitted.get(5, TimeUnit.SECONDS)).isNotNull();
			other.get(5, TimeUnit.SECONDS);
			assertThat(session.forceCloseAsync()).succeedsWithin(Duration.ofSeconds(5));
			assertThat(driver.closeCalls).hasValue(1);
			assertThat(driver.forceCloseCalls).hasValue(0);
		}
	}

	@Test
	void aSessionThatDoesNotOwnTheDriverSessionLeavesItOpen() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver
				.session(new SessionSettings(null, Duration.ofSeconds(30), Duration.ofSeconds(30), false));
			session.closeAsync().get(5, TimeUnit.SECONDS);
			session.forceCloseAsync().get(5, TimeUnit.SECONDS);
			assertThat(driver.driverCloseCalls()).isZero();
		}
	}

	@Test
	void concurrentClosesShareOneOutcomeAndCloseTheDriverSessionOnce() throws Exception {
		int threads = 8;
		for (int iteration = 0; iteration < ITERATIONS; iteration++) {
			try (MockDriver driver = new MockDriver()) {
				DefaultAsyncSession session = driver.session(MockDriver.settings());
				CyclicBarrier start = new CyclicBarrier(threads);
				List<Future<CompletableFuture<Void>>> closes = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					boolean force = (i % 3 == 0);
					closes.add(this.pool.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						return force ? session.forceCloseAsync() : session.closeAsync();
					}));
				}
				for (Future<CompletableFuture<Void>> close : closes) {
					assertThat(close.get(5, TimeUnit.SECONDS)).succeedsWithin(Duration.ofSeconds(5));
				}
				assertThat(driver.driverCloseCalls()).isEqualTo(1);
			}
		}
	}

	@Test
	void closeRacingExecutePrepareAndBatchLeavesOnlySuccessOrSessionClosed() throws Exception {
		int callers = 6;
		List<BatchableStatement<?>> batch = List.of(SimpleStatement.newInstance("INSERT 1"));
		for (int iteration = 0; iteration < ITERATIONS; iteration++) {
			try (MockDriver driver = new MockDriver().autoComplete()) {
				DefaultAsyncSession session = driver.session(MockDriver.settings());
				CyclicBarrier start = new CyclicBarrier(callers + 1);
				List<Future<List<CompletableFuture<?>>>> calls = new ArrayList<>();
				for (int i = 0; i < callers; i++) {
					int kind = i % 3;
					calls.add(this.pool.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						List<CompletableFuture<?>> futures = new ArrayList<>();
						for (int call = 0; call < 20; call++) {
							futures.add(switch (kind) {
								case 0 -> session.execute("SELECT 1");
								case 1 -> session.prepare("SELECT 1");
								default -> session.executeBatch(DefaultBatchType.LOGGED, batch);
							});
						}
						return futures;
					}));
				}
				Future<CompletableFuture<Void>> close = this.pool.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					return session.closeAsync();
				});
				close.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
				assertThat(session.execute("SELECT 1")).isCompletedExceptionally();
				for (Future<List<CompletableFuture<?>>> caller : calls) {
					for (CompletableFuture<?> future : caller.get(5, TimeUnit.SECONDS)) {
						Throwable error = future.handle((result, failure) -> failure).get(5, TimeUnit.SECONDS);
						if (error != null) {
							assertThat(error).isInstanceOfSatisfying(SessionClosedException.class,
									(ex) -> assertThat(ex.wasAdmitted()).isFalse());
						}
					}
				}
				assertThat(session.inFlightCount()).isZero();
				assertThat(driver.driverCloseCalls()).isEqualTo(1);
			}
		}
	}

}
