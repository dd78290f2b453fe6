package dev.asynccassandra.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

	@Test
	void gracefulCloseRacingExecutePrepareAndBatch() throws Exception {
		CloseOutcomes totals = new CloseOutcomes();
		for (int i = 0; i < ITERATIONS; i++) {
			CloseOutcomes round = race(AsyncSession::closeAsync, AsyncSession::closeAsync);
			assertThat(round.admittedThenClosed).as("admitted requests failed by a graceful close").isZero();
			totals.add(round);
		}
		System.out.println("graceful close races: " + totals);
		assertThat(totals.succeeded).isPositive();
		assertThat(totals.refused).isPositive();
	}

	@Test
	void forcedCloseRacingExecutePrepareAndBatch() throws Exception {
		CloseOutcomes totals = new CloseOutcomes();
		for (int i = 0; i < ITERATIONS; i++) {
			totals.add(race(AsyncSession::forceCloseAsync, AsyncSession::closeAsync));
		}
		System.out.println("forced close races: " + totals);
		assertThat(totals.refused).isPositive();
	}

	/**
	 * One round: a new session, callers and two closers released together; every call
	 * made after the first close returned must have been refused at once.
	 */
	private CloseOutcomes race(Function<AsyncSession, CompletableFuture<Void>> firstClose,
			Function<AsyncSession, CompletableFuture<Void>> secondClose) throws Exception {
		CloseRaceRound round = new CloseRaceRound(cqlSession, BOUND);
		AsyncSession session = round.session();
		AtomicBoolean closeReturned = new AtomicBoolean();
		Queue<String> callsAfterCloseNotRefused = new ConcurrentLinkedQueue<>();
		for (int caller = 0; caller < CALLERS; caller++) {
			int offset = caller;
			round.caller(() -> {
				for (int call = 0; call < CALLS_PER_CALLER; call++) {
					boolean closeHadReturned = closeReturned.get();
					CompletableFuture<?> future = call(session, (offset + call) % 3, call);
					if (closeHadReturned) {
						refusedAtOnce(future).ifPresent(callsAfterCloseNotRefused::add);
					}
					round.track(future);
				}
				return null;
			});
		}
		round.closer(() -> {
			CompletableFuture<Void> closed = firstClose.apply(session);
			closeReturned.set(true);
			return closed;
		});
		round.closer(() -> secondClose.apply(session));
		CloseOutcomes outcomes = round.run();
		assertThat(callsAfterCloseNotRefused).isEmpty();
		assertThat(outcomes.violations).isEmpty();
		assertThat(round.trackedRequests()).isEqualTo(CALLERS * CALLS_PER_CALLER);
		SimulacronCluster.awaitNoStreamIdsHeld(cqlSession, DRAIN_BOUND);
		return outcomes;
	}

	/**
	 * What was wrong with a call made after close returned, if anything: it must be
	 * refused at once, without I/O.
	 */
	private static Optional<String> refusedAtOnce(CompletableFuture<?> future) {
		if (!future.isDone()) {
			return Optional.of("a call made after close returned was not refused at once");
		}
		Throwable error = future.handle((value, failure) -> failure).join();
		if (!(error instanceof SessionClosedException closed) || closed.wasAdmitted()) {
			return Optional.of("a call made after close returned ended with " + error);
		}
		return Optional.empty();
	}

	private static CompletableFuture<?> call(AsyncSession session, int kind, int call) {
		return switch (kind) {
			case 0 -> session.execute(SELECT);
			case 1 -> session.prepare("SELECT race_prepare_" + (call % 4));
			default -> session.executeBatch(DefaultBatchType.LOGGED, List.of(insert.bind()));
		};
	}

}
