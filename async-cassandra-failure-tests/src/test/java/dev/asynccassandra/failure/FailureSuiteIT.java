package dev.asynccassandra.failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.embedded.api.EmbeddedCassandraCluster;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.spring.health.AsyncCassandraHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static dev.asynccassandra.failure.ClusterFaults.since;
import static dev.asynccassandra.failure.Phases.ALL_DOWN;
import static dev.asynccassandra.failure.Phases.ALL_STARTING;
import static dev.asynccassandra.failure.Phases.ALL_STOPPING;
import static dev.asynccassandra.failure.Phases.BASELINE;
import static dev.asynccassandra.failure.Phases.NODE3_DOWN;
import static dev.asynccassandra.failure.Phases.NODE3_STARTING;
import static dev.asynccassandra.failure.Phases.NODE3_STOPPING;
import static dev.asynccassandra.failure.Phases.RECOVERED;
import static dev.asynccassandra.failure.Phases.RECOVERED_3;
import static dev.asynccassandra.failure.Phases.TWO_DOWN;
import static dev.asynccassandra.failure.Phases.TWO_STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives a mixed load through one {@link AsyncSession} while a real 3-node cluster (RF 3)
 * loses one node, gets it back, loses two, loses all and gets all back, and checks what
 * the application sees in each phase: which requests succeed, which failure types appear,
 * the health status, how long recovery takes, and at the end that no acknowledged
 * {@code QUORUM} write is lost, no future is left incomplete and nothing stays in flight.
 * Prints a table of the figures. Runs in every {@code verify};
 * {@code -Dfailure-suite.skip=true} leaves it out.
 */
class FailureSuiteIT {

	private static final int CONCURRENCY = 32;

	private static final int RATE_PER_SECOND = 150;

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration PHASE_BOUND = Duration.ofSeconds(120);

	private static final String UNAVAILABLE = "UnavailableException";

	private static final String NO_NODE = "NoNodeAvailableException";

	/** The only live coordinator answered Unavailable and the retry had no other node. */
	private static final String ALL_FAILED_UNAVAILABLE = "AllNodesFailedException(UnavailableException)";

	/** Every node in the query plan failed, for whatever reasons. */
	private static final String ALL_FAILED_ANY = "AllNodesFailedException(*)";

	/** What a node going away or coming back may cause while its peers notice. */
	private static final Set<String> NODE_TRANSITION = Set.of("WriteTimeoutException", "ReadTimeoutException",
			"OverloadedException", "DriverTimeoutException", "QueryTimeoutException", "ClosedConnectionException",
			"HeartbeatException", "ReadFailureException", "WriteFailureException");

	/** Also losing or regaining quorum, or every node. */
	private static final Set<String> QUORUM_TRANSITION = union(NODE_TRANSITION,
			Set.of(UNAVAILABLE, NO_NODE, ALL_FAILED_ANY));

	private static final AllowedFailures ALLOWED = new AllowedFailures(Map.ofEntries(Map.entry(BASELINE, Set.of()),
			Map.entry(NODE3_STOPPING, NODE_TRANSITION), Map.entry(NODE3_DOWN, Set.of()),
			Map.entry(NODE3_STARTING, NODE_TRANSITION), Map.entry(RECOVERED_3, Set.of()),
			Map.entry(TWO_STOPPING, union(NODE_TRANSITION, Set.of(UNAVAILABLE, ALL_FAILED_ANY))),
			Map.entry(TWO_DOWN, Set.of(UNAVAILABLE, ALL_FAILED_UNAVAILABLE)),
			Map.entry(ALL_STOPPING, QUORUM_TRANSITION), Map.entry(ALL_DOWN, Set.of(NO_NODE, ALL_FAILED_ANY)),
			Map.entry(ALL_STARTING, QUORUM_TRANSITION), Map.entry(RECOVERED, Set.of())));

	@Test
	void asyncSessionRidesOutNodeLossAndRecoveryWithoutLosingAcknowledgedWrites() throws Exception {
		EmbeddedCassandraConfig template = FailureCluster.nodeTemplate("failure-suite");
		FiguresTable figures = new FiguresTable();
		LoadLedger ledger = new LoadLedger();
		long suiteStart = System.nanoTime();
		try (EmbeddedCassandraCluster cluster = EmbeddedCassandraCluster.start(3, template)) {
			runWithSession(cluster, ledger, figures, suiteStart);
		}
		finally {
			figures.timing("whole suite", since(suiteStart));
			System.out.println("[failure-suite] final figures\n" + figures.render(ledger));
		}
		assertThat(ALLOWED.violations(ledger)).as("failures not allowed in their phase").isEmpty();
	}

	private void runWithSession(EmbeddedCassandraCluster cluster, LoadLedger ledger, FiguresTable figures,
			long suiteStart) throws Exception {
		{
			figures.timing("cluster start (3 nodes)", since(suiteStart));
			AsyncSession session = AsyncSession.builder()
				.withCqlSession(cqlSession(cluster))
				.withDefaultTimeout(REQUEST_TIMEOUT)
				.withDrainTimeout(Duration.ofSeconds(30))
				.build();
			try {
				runScenario(cluster, session, ledger, figures);
			}
			finally {
				session.forceCloseAsync().get(60, TimeUnit.SECONDS);
			}
		}
	}

	private void runScenario(EmbeddedCassandraCluster cluster, AsyncSession session, LoadLedger ledger,
			FiguresTable figures) throws Exception {
		CqlSession cql = session.cqlSession();
		createSchema(cql);
		PreparedStatement insert = prepare(cql,
				"INSERT INTO " + ClusterWorkload.TABLE + " (id, payload) VALUES (?, ?)");
		PreparedStatement select = prepare(cql, "SELECT id, payload FROM " + ClusterWorkload.TABLE + " WHERE id = ?");
		PreparedStatement scan = prepare(cql,
				"SELECT id FROM " + ClusterWorkload.TABLE + " WHERE token(id) > ? LIMIT 150");
		ClusterWorkload workload = new ClusterWorkload(session, RowStreams.streaming(session), insert, select, scan,
				REQUEST_TIMEOUT);
		AsyncCassandraHealthIndicator health = new AsyncCassandraHealthIndicator(session);
		LoadGenerator load = new LoadGenerator(workload, CONCURRENCY, RATE_PER_SECOND, ledger, BASELINE);
		ClusterProbes probes = new ClusterProbes(session,
				SimpleStatement.newInstance("SELECT id FROM " + ClusterWorkload.TABLE + " WHERE id = ?", 1L),
				PHASE_BOUND);
		ClusterFaults faults = new ClusterFaults(cluster, load, probes, figures, PHASE_BOUND);
		List<Long> failingCallNanos = new ArrayList<>();
		Map<String, Set<String>> healthByPhase;
		try (HealthSampler sampler = new HealthSampler(health, load::phase)) {
			probes.awaitEveryCoordinatorServes();
			load.start();
			awaitSuccesses(ledger, BASELINE, 100, Operation.values());

			// One node down: ONE and QUORUM continue, ALL fails with Unavailable.
			faults.stopNode3();
			awaitSuccesses(ledger, NODE3_DOWN, 100, Operation.values());
			assertThat(probes.read(ConsistencyLevel.ALL)).isInstanceOf(UnavailableException.class);

			// Node 3 back: every node UP again in the application's session.
			faults.startNode3();
			awaitSuccesses(ledger, RECOVERED_3, 100, Operation.values());

			// Two nodes down: QUORUM fails with Unavailable, ONE continues.
			faults.stopNodes2And3();
			awaitSuccesses(ledger, TWO_DOWN, 60, Operation.READ_ONE, Operation.STREAM_ONE);
			await().atMost(PHASE_BOUND)
				.until(() -> ledger.failures(TWO_DOWN).getOrDefault(UNAVAILABLE, 0L)
						+ ledger.failures(TWO_DOWN).getOrDefault(ALL_FAILED_UNAVAILABLE, 0L) >= 60);

			// All down: calls fail fast, health DOWN.
			faults.stopNode1("health", () -> health.health(true).getStatus().equals(Status.DOWN),
					Duration.ofMillis(50));
			for (int call = 0; call < 20; call++) {
				long callStart = System.nanoTime();
				Throwable failure = probes.read(ConsistencyLevel.QUORUM);
				failingCallNanos.add(System.nanoTime() - callStart);
				assertThat(failure).isInstanceOf(AllNodesFailedException.class);
			}
			await().atMost(PHASE_BOUND).until(() -> ledger.failureCount(ALL_DOWN) >= 200);
			assertThat(ledger.successes(ALL_DOWN)).isZero();

			// All back, same session: traffic resumes by itself.
			load.enterPhase(ALL_STARTING);
			long restart = System.nanoTime();
			FailureCluster.startAll(cluster);
			figures.timing("restart all: node start calls", since(restart));
			probes.awaitAllUp(3);
			figures.timing("restart all -> 3 nodes UP in session", since(restart));
			probes.awaitAllSucceeds();
			figures.timing("restart all -> CL ALL succeeds", since(restart));
			load.enterPhase(RECOVERED);
			awaitSuccesses(ledger, RECOVERED, 100, Operation.values());
			Long firstWrite = ledger.firstSuccessNanos(ALL_STARTING, Operation.WRITE_QUORUM);
			if (firstWrite == null) {
				firstWrite = ledger.firstSuccessNanos(RECOVERED, Operation.WRITE_QUORUM);
			}
			assertThat(firstWrite).isNotNull();
			figures.timing("restart all -> first acknowledged QUORUM write", Duration.ofNanos(firstWrite - restart));

			assertThat(load.stop(Duration.ofSeconds(60))).as("every issued request completed").isTrue();
			healthByPhase = sampler.all();
		}
		finally {
			load.stop(Duration.ofSeconds(60));
		}
		assertThat(load.completed()).isEqualTo(load.issued());
		await().atMost(Duration.ofSeconds(30)).until(() -> session.inFlightCount() == 0);
		assertThat(session.statistics().inFlight()).isZero();

		Set<Long> acknowledged = new HashSet<>(workload.acknowledged());
		Set<Long> found = readAllIds(session);
		Set<Long> lost = new HashSet<>(acknowledged);
		lost.removeAll(found);

		figures.latencies("all down: failing call latency", failingCallNanos);
		figures.total("requests issued", load.issued());
		figures.total("requests completed", load.completed());
		figures.total("in flight at the end", session.inFlightCount());
		figures.total("acknowledged QUORUM writes", acknowledged.size());
		figures.total("rows read back at QUORUM", found.size());
		figures.total("lost acknowledged writes", lost.size());
		figures.total("health by phase", healthByPhase);
		System.out.println("[failure-suite] figures (before the final checks)\n" + figures.render(ledger));

		assertThat(lost).as("acknowledged QUORUM writes missing at QUORUM").isEmpty();
		ExpectedHealth.assertUpUnlessEveryNodeIsDown(healthByPhase);
		for (String phase : List.of(NODE3_DOWN, RECOVERED_3, RECOVERED)) {
			assertThat(ledger.successes(phase, Operation.WRITE_QUORUM)).as("QUORUM writes in " + phase).isPositive();
			assertThat(ledger.successes(phase, Operation.READ_QUORUM)).as("QUORUM reads in " + phase).isPositive();
		}
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new HashSet<>(first);
		union.addAll(second);
		return Set.copyOf(union);
	}

	private static CqlSession cqlSession(EmbeddedCassandraCluster cluster) {
		return CqlSession.builder()
			.addContactPoints(cluster.contactPoints())
			.withLocalDatacenter(cluster.localDatacenter())
			.withConfigLoader(DriverConfigLoader.programmaticBuilder()
				.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
				.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(12))
				.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
				.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
				.build())
			.build();
	}

	/**
	 * Creates the keyspace and table through one coordinator, then waits until every node
	 * has the table. The driver's own schema agreement compares the versions its control
	 * node knows, which can all still be the old one when that node is not the
	 * coordinator (seen in CI: "Keyspace 'failure_suite' doesn't exist" for the table
	 * created right after it, then unconfigured-table failures under load).
	 */
	private static void createSchema(CqlSession cql) {
		Collection<Node> nodes = cql.getMetadata().getNodes().values();
		Node coordinator = nodes.iterator().next();
		cql.execute(SimpleStatement
			.newInstance("CREATE KEYSPACE failure_suite WITH replication = "
					+ "{'class': 'SimpleStrategy', 'replication_factor': 3}")
			.setNode(coordinator));
		cql.execute(SimpleStatement
			.newInstance("CREATE TABLE " + ClusterWorkload.TABLE + " (id bigint PRIMARY KEY, payload text)")
			.setNode(coordinator));
		String[] table = ClusterWorkload.TABLE.split("\\.");
		for (Node node : nodes) {
			SimpleStatement lookup = SimpleStatement
				.newInstance("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
						table[0], table[1])
				.setNode(node);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> cql.execute(lookup).one() != null);
		}
	}

	private static PreparedStatement prepare(CqlSession cql, String query) {
		// A node may still lack the new table for a moment after schema agreement.
		return await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(InvalidQueryException.class)
			.until(() -> cql.prepare(query), Objects::nonNull);
	}

	private static void awaitSuccesses(LoadLedger ledger, String phase, long atLeast, Operation... operations) {
		await().atMost(PHASE_BOUND).until(() -> {
			for (Operation operation : operations) {
				if (ledger.successes(phase, operation) < atLeast) {
					return false;
				}
			}
			return true;
		});
	}

	private static Set<Long> readAllIds(AsyncSession session) throws Exception {
		Set<Long> ids = new HashSet<>();
		QueryOptions quorum = QueryOptions.builder()
			.consistencyLevel(ConsistencyLevel.QUORUM)
			.pageSize(5000)
			.timeout(Duration.ofSeconds(30))
			.build();
		AsyncResult page = session
			.execute(quorum, SimpleStatement.newInstance("SELECT id FROM " + ClusterWorkload.TABLE))
			.get(60, TimeUnit.SECONDS);
		while (true) {
			for (Row row : page.currentPage()) {
				ids.add(row.getLong(0));
			}
			if (!page.hasMorePages()) {
				return ids;
			}
			page = page.fetchNextPage().get(60, TimeUnit.SECONDS);
		}
	}

}
