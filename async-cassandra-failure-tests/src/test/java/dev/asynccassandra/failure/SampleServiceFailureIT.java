package dev.asynccassandra.failure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandraCluster;
import dev.asynccassandra.samples.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The failure scenario of {@link FailureSuiteIT} through the sample telemetry service
 * over HTTP: the sample application runs in-process
 * ({@code async-cassandra.embedded.enabled} off) against the real 3-node cluster (RF 3),
 * every Cassandra request at {@code QUORUM}
 * ({@code spring.cassandra.request.consistency}), while an HTTP load
 * ({@link HttpWorkload} through {@link LoadGenerator}) ingests readings, reads the latest
 * and exports NDJSON. One node stops and comes back, two stop, all stop, all come back,
 * and the test checks that the service answers 5xx only while no quorum is possible,
 * never lets a request hang past the client timeout, reports health DOWN only while every
 * node is down, and recovers by itself (the same application, no restart), and that every
 * ingest answered 2xx is exported over HTTP at the end. Prints a table of the figures.
 * Runs in every {@code verify}; {@code -Dfailure-suite.skip=true} leaves it out.
 */
class SampleServiceFailureIT {

	private static final int CONCURRENCY = 16;

	private static final int RATE_PER_SECOND = 100;

	/** The service's bound on each Cassandra request (driver and async-cassandra). */
	private static final Duration SERVICE_REQUEST_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The client's bound on each HTTP request: an ingest runs three Cassandra requests in
	 * turn (sensor lookup, reading, latest), each bounded by
	 * {@link #SERVICE_REQUEST_TIMEOUT}; anything slower is a hang.
	 */
	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration PHASE_BOUND = Duration.ofSeconds(120);

	private static final String KEYSPACE = "failure_http";

	/** A 503 answer naming any Cassandra exception. */
	private static final String SERVICE_UNAVAILABLE = "503(*)";

	/** An export cut after its 200 header (its stream failed mid-way). */
	private static final String CUT = "io(*)";

	/**
	 * 5xx only without quorum, or while a node leaves or joins (as {@link FailureSuiteIT}
	 * allows driver timeouts then); never a client timeout, never a 500 or 4xx.
	 */
	private static final AllowedFailures ALLOWED = new AllowedFailures(Map.ofEntries(Map.entry(BASELINE, Set.of()),
			Map.entry(NODE3_STOPPING, Set.of(SERVICE_UNAVAILABLE, CUT)), Map.entry(NODE3_DOWN, Set.of()),
			Map.entry(NODE3_STARTING, Set.of(SERVICE_UNAVAILABLE)), Map.entry(RECOVERED_3, Set.of()),
			Map.entry(TWO_STOPPING, Set.of(SERVICE_UNAVAILABLE, CUT)), Map.entry(TWO_DOWN, Set.of(SERVICE_UNAVAILABLE)),
			Map.entry(ALL_STOPPING, Set.of(SERVICE_UNAVAILABLE, CUT)), Map.entry(ALL_DOWN, Set.of(SERVICE_UNAVAILABLE)),
			Map.entry(ALL_STARTING, Set.of(SERVICE_UNAVAILABLE)), Map.entry(RECOVERED, Set.of())));

	@Test
	void sampleServiceAnswers5xxOnlyWithoutQuorumNeverHangsAndRecoversByItself() throws Exception {
		FiguresTable figures = new FiguresTable();
		LoadLedger ledger = new LoadLedger();
		long suiteStart = System.nanoTime();
		try (EmbeddedCassandraCluster cluster = EmbeddedCassandraCluster.start(3,
				FailureCluster.nodeTemplate("sample-service"))) {
			figures.timing("cluster start (3 nodes)", since(suiteStart));
			long appStart = System.nanoTime();
			try (ConfigurableApplicationContext app = startSample(cluster)) {
				figures.timing("sample application start", since(appStart));
				runScenario(cluster, app, ledger, figures);
			}
		}
		finally {
			figures.timing("whole scenario", since(suiteStart));
			System.out.println("[sample-service-failure] final figures\n" + figures.renderHttp(ledger));
		}
		for (String phase : ledger.phases()) {
			assertThat(ledger.failures(phase).getOrDefault(HttpFailure.CLIENT_TIMEOUT, 0L))
				.as("client timeouts (hangs) in " + phase)
				.isZero();
		}
		assertThat(ALLOWED.violations(ledger)).as("failures not allowed in their phase").isEmpty();
	}

	private static ConfigurableApplicationContext startSample(EmbeddedCassandraCluster cluster) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--async-cassandra.embedded.enabled=false",
				"--spring.cassandra.contact-points=" + FailureCluster.contactPoints(cluster),
				"--spring.cassandra.local-datacenter=" + cluster.localDatacenter(),
				"--spring.cassandra.request.consistency=quorum",
				"--spring.cassandra.request.timeout=" + SERVICE_REQUEST_TIMEOUT.toMillis() + "ms",
				"--async-cassandra.request.timeout=" + SERVICE_REQUEST_TIMEOUT.toMillis() + "ms",
				"--telemetry.keyspace=" + KEYSPACE,
				"--telemetry.replication={'class': 'SimpleStrategy', 'replication_factor': 3}",
				"--spring.lifecycle.timeout-per-shutdown-phase=10s",
				// One warning per 503 would drown the figures.
				"--logging.level.dev.asynccassandra.samples.telemetry.ErrorResponses=ERROR");
	}

	private void runScenario(EmbeddedCassandraCluster cluster, ConfigurableApplicationContext app, LoadLedger ledger,
			FiguresTable figures) throws Exception {
		String baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
		AsyncSession appSession = app.getBean(AsyncSession.class);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpWorkload workload = new HttpWorkload(client, baseUrl, CLIENT_TIMEOUT);
		for (int sensor = 0; sensor < HttpWorkload.SENSORS; sensor++) {
			String id = HttpWorkload.sensor(sensor);
			workload.sendAndWait(workload.put("/sensors/" + id, "{\"name\":\"" + id + "\",\"unit\":\"C\"}"));
			// A first reading, before the ingested range, so that "latest" never answers
			// 404.
			workload.sendAndWait(workload.post("/sensors/" + id + "/readings",
					"{\"timestamp\":\"" + HttpWorkload.BASE.minusSeconds(3600) + "\",\"value\":0}"));
		}
		ClusterProbes probes = new ClusterProbes(appSession, SimpleStatement
			.newInstance("SELECT sensor_id FROM " + KEYSPACE + ".sensors WHERE sensor_id = ?", HttpWorkload.sensor(0)),
				PHASE_BOUND);
		LoadGenerator load = new LoadGenerator(workload, CONCURRENCY, RATE_PER_SECOND, ledger, BASELINE);
		ClusterFaults faults = new ClusterFaults(cluster, load, probes, figures, PHASE_BOUND);
		List<Long> failingCallNanos = new ArrayList<>();
		Map<String, Set<String>> healthByPhase;
		try (HealthSampler sampler = new HealthSampler(() -> health(client, baseUrl), load::phase)) {
			probes.awaitEveryCoordinatorServes();
			load.start();
			awaitSuccesses(ledger, BASELINE, 50);

			// One node down: reads and QUORUM writes continue.
			faults.stopNode3();
			awaitSuccesses(ledger, NODE3_DOWN, 50);

			// Node 3 back.
			faults.startNode3();
			awaitSuccesses(ledger, RECOVERED_3, 50);

			// Two nodes down: no quorum, every request is answered 503.
			faults.stopNodes2And3();
			await().atMost(PHASE_BOUND).until(() -> ledger.failureCount(TWO_DOWN) >= 100);

			// All down: every request fails fast with 503, health DOWN.
			faults.stopNode1("/actuator/health", () -> "DOWN".equals(health(client, baseUrl)), Duration.ofMillis(100));
			for (int call = 0; call < 20; call++) {
				long callStart = System.nanoTime();
				try {
					workload.sendAndWait(workload.get("/sensors/" + HttpWorkload.sensor(call) + "/latest"));
					fail("a read with every node down was answered 2xx");
				}
				catch (ExecutionException ex) {
					failingCallNanos.add(System.nanoTime() - callStart);
					assertThat(FailureNames.nameOf(ex)).startsWith("503(");
				}
			}
			await().atMost(PHASE_BOUND).until(() -> ledger.failureCount(ALL_DOWN) >= 200);

			// All back: the same application recovers by itself.
			load.enterPhase(ALL_STARTING);
			long restart = System.nanoTime();
			FailureCluster.startAll(cluster);
			figures.timing("restart all: node start calls", since(restart));
			await().atMost(PHASE_BOUND)
				.until(() -> ledger.firstSuccessNanos(ALL_STARTING, Operation.WRITE_QUORUM) != null);
			Long firstIngest = ledger.firstSuccessNanos(ALL_STARTING, Operation.WRITE_QUORUM);
			assertThat(firstIngest).isNotNull();
			figures.timing("restart all -> first 2xx ingest (recovery)", Duration.ofNanos(firstIngest - restart));
			probes.awaitAllUp(3);
			probes.awaitAllSucceeds();
			figures.timing("restart all -> CL ALL succeeds in the app's session", since(restart));
			load.enterPhase(RECOVERED);
			awaitSuccesses(ledger, RECOVERED, 50);

			assertThat(load.stop(Duration.ofSeconds(60))).as("every issued request completed").isTrue();
			healthByPhase = sampler.all();
		}
		finally {
			load.stop(Duration.ofSeconds(60));
		}
		assertThat(load.completed()).isEqualTo(load.issued());
		assertThat(app.isActive()).isTrue();
		assertThat(app.getBean(AsyncSession.class)).as("the same session throughout").isSameAs(appSession);
		assertThat(appSession.isClosed()).isFalse();

		Map<String, Set<Instant>> acknowledged = workload.acknowledged();
		long acknowledgedCount = acknowledged.values().stream().mapToLong(Set::size).sum();
		Map<String, Set<Instant>> lost = new TreeMap<>();
		long found = 0;
		Instant to = HttpWorkload.BASE.plusSeconds(load.issued() + 1);
		for (Map.Entry<String, Set<Instant>> entry : acknowledged.entrySet()) {
			String body = workload.sendAndWait(
					workload.get("/sensors/" + entry.getKey() + "/readings?from=" + HttpWorkload.BASE + "&to=" + to));
			Set<Instant> exported = new HashSet<>(HttpWorkload.timestamps(body));
			found += exported.size();
			Set<Instant> missing = new HashSet<>(entry.getValue());
			missing.removeAll(exported);
			if (!missing.isEmpty()) {
				lost.put(entry.getKey(), missing);
			}
		}
		long lostCount = lost.values().stream().mapToLong(Set::size).sum();

		figures.latencies("all down: failing HTTP call latency", failingCallNanos);
		figures.total("requests issued", load.issued());
		figures.total("requests completed", load.completed());
		figures.total("acknowledged ingests (2xx)", acknowledgedCount);
		figures.total("readings exported over HTTP at QUORUM", found);
		figures.total("lost acknowledged ingests", lostCount);
		figures.total("health by phase", healthByPhase);
		System.out.println("[sample-service-failure] figures (before the final checks)\n" + figures.renderHttp(ledger));

		assertThat(lost).as("acknowledged ingests missing from the export").isEmpty();
		ExpectedHealth.assertUpUnlessEveryNodeIsDown(healthByPhase);
		for (String phase : List.of(TWO_DOWN, ALL_DOWN)) {
			assertThat(ledger.successes(phase)).as("2xx without quorum (every request is at QUORUM) in " + phase)
				.isZero();
		}
	}

	/**
	 * The overall status of {@code GET /actuator/health}: the {@code status} at the top
	 * level of its JSON, or {@code no-answer}.
	 */
	private static String health(HttpClient client, String baseUrl) {
		try {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
				.timeout(Duration.ofSeconds(5))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			return HttpWorkload.healthStatus(response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "no-answer";
		}
		catch (Exception ex) {
			return "no-answer";
		}
	}

	private static void awaitSuccesses(LoadLedger ledger, String phase, long atLeast) {
		await().atMost(PHASE_BOUND).until(() -> {
			for (Operation operation : Operation.values()) {
				if (ledger.successes(phase, operation) < atLeast / 4) {
					return false;
				}
			}
			return ledger.successes(phase) >= atLeast;
		});
	}

}
