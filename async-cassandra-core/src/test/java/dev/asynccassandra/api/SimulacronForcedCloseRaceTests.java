package dev.asynccassandra.api;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.internal.core.pool.ChannelPool;
import com.datastax.oss.driver.internal.core.session.DefaultSession;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.testing.SimulacronCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forced-close promise under a race, repeated in one run: 1,000 {@code execute} calls
 * from {@value #CALLERS} threads race {@code forceCloseAsync()}, {@value #ROUNDS} rounds,
 * each with a new session over one driver session whose node answers after 3 ms. Every
 * future ends, within a bound, with a result or a {@link SessionClosedException}
 * (refused, or admitted and ended by the close); the in-flight count returns to zero and
 * the driver session is closed once per round.
 * <p>
 * The driver keeps its default pool limits (1,024 requests per connection, 256 orphaned
 * stream ids): cancelling hundreds of requests at once orphans more ids than that, so the
 * driver replaces the connection, and requests it has not sent yet fail with
 * {@code AllNodesFailedException} ({@code NodeUnavailableException: No connection was
 * available}, or {@code IllegalStateException: Channel is closing}) before the close's
 * cancellation reaches them. Those failures arrive after the forced close began, so they
 * must end as {@link SessionClosedException}s with the driver's failure as the cause.
 */
class SimulacronForcedCloseRaceTests {

	private static final int ROUNDS = 200;

	private static final int CALLERS = 4;

	private static final int CALLS_PER_CALLER = 250;

	/**
	 * The close starts once this many requests are in flight (or every call was made).
	 */
	private static final int IN_FLIGHT_AT_CLOSE = 400;

	private static final Duration BOUND = Duration.ofSeconds(20);

	private static final String SELECT = "SELECT forced_close_race";

	private static SimulacronCluster simulacron;

	private static CqlSession cqlSession;

	@BeforeAll
	static void start() {
		simulacron = SimulacronCluster.start(1);
		simulacron.prime(PrimeDsl.when(SELECT).then(PrimeDsl.noRows()).delay(3, TimeUnit.MILLISECONDS));
		cqlSession = CqlSession.builder()
			.addContactPoints(simulacron.contactPoints())
			.withLocalDatacenter(simulacron.localDatacenter())
			.withConfigLoader(defaultPoolLimits())
			.build();
	}

	/**
	 * The fixture's settings except the pool limits, which stay the driver's defaults.
	 */
	private static DriverConfigLoader defaultPoolLimits() {
		return DriverConfigLoader.programmaticBuilder()
			.withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
			.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
			.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(100))
			.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofMillis(500))
			.build();
	}

	@AfterAll
	static void stop() {
		if (cqlSession != null) {
			cqlSession.close();
		}
		if (simulacron != null) {
			simulacron.close();
		}
	}

	@Test
	void everyRequestRacingAForcedCloseEndsWithAResultOrSessionClosedException() throws Exception {
		CloseOutcomes totals = new CloseOutcomes();
		for (int round = 0; round < ROUNDS; round++) {
			awaitConnectedAndIdle();
			CloseOutcomes outcomes = race();
			totals.add(outcomes);
			assertThat(outcomes.violations).as("round %d: futures that ended otherwise", round).isEmpty();
		}
		System.out.println(
				"forced close races (" + ROUNDS + " rounds of " + CALLERS * CALLS_PER_CALLER + " calls): " + totals);
		assertThat(totals.succeeded).as("requests that succeeded before the close").isPositive();
		assertThat(totals.admittedThenClosed).as("requests ended by the close").isPositive();
		assertThat(totals.refused).as("requests refused after the close").isPositive();
	}

	/**
	 * Before each round: the cancelled requests of the previous one answered, and the
	 * connection the driver may have replaced is open again.
	 */
	private static void awaitConnectedAndIdle() {
		DefaultSession driver = (DefaultSession) cqlSession;
		Awaitility.await("driver pool connected with no stream id held")
			.atMost(BOUND)
			.until(() -> !driver.getPools().isEmpty() && driver.getPools()
				.values()
				.stream()
				.allMatch((pool) -> pool.size() > 0 && pool.getInFlight() == 0 && pool.getOrphanedIds() == 0));
		SimulacronCluster.awaitNoStreamIdsHeld(cqlSession, BOUND);
		assertThat(driver.getPools().values().stream().mapToInt(ChannelPool::size).sum()).isPositive();
	}

	private CloseOutcomes race() throws Exception {
		CloseRaceRound round = new CloseRaceRound(cqlSession, BOUND);
		AsyncSession session = round.session();
		CountDownLatch callersDone = new CountDownLatch(CALLERS);
		for (int caller = 0; caller < CALLERS; caller++) {
			round.caller(() -> {
				try {
					for (int call = 0; call < CALLS_PER_CALLER; call++) {
						round.track(session.execute(SELECT));
					}
				}
				finally {
					callersDone.countDown();
				}
				return null;
			});
		}
		round.closer(() -> {
			Awaitility.await("requests in flight, or every call made")
				.atMost(BOUND)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.until(() -> session.inFlightCount() >= IN_FLIGHT_AT_CLOSE || callersDone.getCount() == 0);
			return session.forceCloseAsync();
		});
		CloseOutcomes outcomes = round.run();
		assertThat(round.trackedRequests()).isEqualTo(CALLERS * CALLS_PER_CALLER);
		return outcomes;
	}

}
