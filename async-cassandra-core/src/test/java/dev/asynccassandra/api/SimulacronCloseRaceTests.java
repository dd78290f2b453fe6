package dev.asynccassandra.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.simulacron.common.request.Batch;
import com.datastax.oss.simulacron.common.request.Statement;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.testing.SimulacronCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 10 under races: close (graceful or forced, from two threads at once) races
 * callers of execute, prepare and batch released from the same start line, 100 times.
 * Every future completes within a bound, with a result or a
 * {@link SessionClosedException}; every call made after close returned is refused at once
 * without I/O; a graceful close fails no admitted request; both closers get the same
 * future; the in-flight count ends at zero.
 */
class SimulacronCloseRaceTests {

	private static final int ITERATIONS = 100;

	private static final int CALLERS = 6;

	private static final int CALLS_PER_CALLER = 24;

	private static final Duration BOUND = Duration.ofSeconds(10);

	/**
	 * For the responses to the requests a forced close cancelled: Simulacron answers a
	 * burst of them slowly on two busy cores.
	 */
	private static final Duration DRAIN_BOUND = Duration.ofSeconds(30);

	private static final String SELECT = "SELECT race";

	private static final String INSERT = "INSERT INTO race (k) VALUES (1)";

	private static SimulacronCluster simulacron;

	private static CqlSession cqlSession;

	private static PreparedStatement insert;

	private final ExecutorService threads = Executors.newFixedThreadPool(CALLERS + 2);

	@BeforeAll
	static void start() {
		simulacron = SimulacronCluster.start(1);
		simulacron.prime(PrimeDsl.when(SELECT).then(PrimeDsl.noRows()).delay(2, TimeUnit.MILLISECONDS));
		simulacron.prime(PrimeDsl.when(new Batch(List.of(new Statement(INSERT, Map.of(), Map.of())), new String[0]))
			.then(PrimeDsl.noRows())
			.delay(2, TimeUnit.MILLISECONDS));
		cqlSession = simulacron.newCqlSession(Duration.ofSeconds(5));
		insert = cqlSession.prepare(INSERT);
	}

	@AfterAll
	static void stop() {
		cqlSession.close();
		simulacron.close();
	}

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.threads.shutdownNow();
		assertThat(this.threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void gracefulCloseRacingExecutePrepareAndBatch() throws Exception {
		Totals totals = new Totals();
		for (int i = 0; i < ITERATIONS; i++) {
			Round round = race(AsyncSession::closeAsync, AsyncSession::closeAsync);
			round.assertEveryFutureEnded();
			assertThat(round.admittedButClosed()).as("admitted requests failed by a graceful close").isZero();
			totals.add(round);
		}
		System.out.println("graceful close races: " + totals);
		assertThat(totals.succeeded).isPositive();
		assertThat(totals.refused).isPositive();
	}

	@Test
	void forcedCloseRacingExecutePrepareAndBatch() throws Exception {
		Totals totals = new Totals();
		for (int i = 0; i < ITERATIONS; i++) {
			Round round = race(AsyncSession::forceCloseAsync, AsyncSession::closeAsync);
			round.assertEveryFutureEnded();
			totals.add(round);
		}
		System.out.println("forced close races: " + totals);
		assertThat(totals.refused).isPositive();
	}

	/**
	 * One round: a new session, callers and two closers released together.
	 */
	private Round race(Function<AsyncSession, CompletableFuture<Void>> firstClose,
			Function<AsyncSession, CompletableFuture<Void>> secondClose) throws Exception {
		AtomicInteger driverCloses = new AtomicInteger();
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(countingCloses(driverCloses))
			.withDrainTimeout(BOUND)
			.build();
		Round round = new Round(session);
		CyclicBarrier startLine = new CyclicBarrier(CALLERS + 2);
		List<Future<?>> running = new ArrayList<>();
		for (int caller = 0; caller < CALLERS; caller++) {
			int offset = caller;
			running.add(this.threads.submit(() -> {
				startLine.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
				for (int call = 0; call < CALLS_PER_CALLER; call++) {
					boolean closeHadReturned = round.closeReturned;
					CompletableFuture<?> future = call(session, (offset + call) % 3, call);
					round.track(future, closeHadReturned);
				}
				return null;
			}));
		}
		Future<CompletableFuture<Void>> first = this.threads.submit(() -> {
			startLine.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
			CompletableFuture<Void> closed = firstClose.apply(session);
			round.closeReturned = true;
			return closed;
		});
		Future<CompletableFuture<Void>> second = this.threads.submit(() -> {
			startLine.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
			return secondClose.apply(session);
		});
		for (Future<?> caller : running) {
			caller.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
		}
		CompletableFuture<Void> closed = first.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(closed).succeedsWithin(BOUND);
		assertThat(second.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("both closers share one outcome")
			.succeedsWithin(BOUND);
		assertThat(driverCloses).as("driver session closes").hasValue(1);
		SimulacronCluster.awaitNoStreamIdsHeld(cqlSession, DRAIN_BOUND);
		return round;
	}

	/**
	 * The shared driver session, except that closing it only counts.
	 */
	private static CqlSession countingCloses(AtomicInteger closes) {
		InvocationHandler handler = (proxy, method, args) -> {
			switch (method.getName()) {
				case "closeAsync", "forceCloseAsync" -> {
					closes.incrementAndGet();
					return CompletableFuture.completedFuture(null);
				}
				case "close" -> {
					closes.incrementAndGet();
					return null;
				}
				default -> {
					try {
						return method.invoke(cqlSession, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				}
			}
		};
		return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
				new Class<?>[] { CqlSession.class }, handler);
	}

	private static CompletableFuture<?> call(AsyncSession session, int kind, int call) {
		return switch (kind) {
			case 0 -> session.execute(SELECT);
			case 1 -> session.prepare("SELECT race_prepare_" + (call % 4));
			default -> session.executeBatch(DefaultBatchType.LOGGED, List.of(insert.bind()));
		};
	}

	private static final class Round {

		private final AsyncSession session;

		private final Queue<CompletableFuture<?>> futures = new ConcurrentLinkedQueue<>();

		private final Queue<String> violations = new ConcurrentLinkedQueue<>();

		volatile boolean closeReturned;

		private int succeeded;

		private int refused;

		private int admittedButClosed;

		Round(AsyncSession session) {
			this.session = session;
		}

		void track(CompletableFuture<?> future, boolean closeHadReturned) {
			if (closeHadReturned) {
				if (!future.isDone()) {
					this.violations.add("a call made after close returned was not refused at once");
				}
				else {
					Throwable error = future.handle((value, failure) -> failure).join();
					if (!(error instanceof SessionClosedException closed) || closed.wasAdmitted()) {
						this.violations.add("a call made after close returned ended with " + error);
					}
				}
			}
			this.futures.add(future);
		}

		void assertEveryFutureEnded() throws Exception {
			CompletableFuture.allOf(this.futures.toArray(new CompletableFuture<?>[0]))
				.handle((ignored, error) -> null)
				.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
			for (CompletableFuture<?> future : this.futures) {
				Throwable error = future.handle((value, failure) -> failure).join();
				if (error == null) {
					this.succeeded++;
				}
				else if (error instanceof SessionClosedException closed) {
					if (closed.wasAdmitted()) {
						this.admittedButClosed++;
					}
					else {
						this.refused++;
					}
				}
				else {
					this.violations.add("unexpected failure " + error);
				}
			}
			assertThat(this.violations).isEmpty();
			assertThat(this.futures).hasSize(CALLERS * CALLS_PER_CALLER);
			assertThat(this.session.isClosed()).isTrue();
			assertThat(this.session.inFlightCount()).isZero();
		}

		int admittedButClosed() {
			return this.admittedButClosed;
		}

	}

	private static final class Totals {

		long succeeded;

		long refused;

		long admittedButClosed;

		void add(Round round) {
			this.succeeded += round.succeeded;
			this.refused += round.refused;
			this.admittedButClosed += round.admittedButClosed;
		}

		@Override
		public String toString() {
			return "succeeded=" + this.succeeded + ", refused=" + this.refused + ", admitted then closed="
					+ this.admittedButClosed;
		}

	}

}
