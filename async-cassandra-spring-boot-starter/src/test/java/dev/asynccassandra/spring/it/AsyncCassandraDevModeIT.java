package dev.asynccassandra.spring.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.CoordinatorException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.health.AsyncCassandraReactiveHealthIndicator;
import dev.asynccassandra.spring.metrics.MicrometerQueryEventListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boots an application in dev mode (an embedded, real Cassandra node started by the
 * starter) and checks what a user gets: a working {@code AsyncSession}, health, metrics,
 * metrics that cannot hurt queries, and a shutdown that drains in-flight requests and
 * leaves no node running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsyncCassandraDevModeIT {

	private static final Duration BOUND = Duration.ofSeconds(60);

	private static final Path DATA = Path.of("target", "embedded-cassandra", "starter-it").toAbsolutePath();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication() {
		context = new SpringApplicationBuilder(DevModeApplication.class).web(WebApplicationType.NONE)
			.properties(Map.of("async-cassandra.embedded.enabled", "true", "async-cassandra.embedded.native-port", "0",
					"async-cassandra.embedded.storage-port", "0", "async-cassandra.embedded.data-directory",
					DATA.toString(), "async-cassandra.embedded.clean-start", "true", "spring.cassandra.request.timeout",
					"20s", "spring.cassandra.connection.init-query-timeout", "20s",
					"async-cassandra.metrics.driver-metrics.enabled", "true"))
			.run();
	}

	@AfterAll
	static void closeApplication() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	@Order(1)
	void autowiredAsyncSessionShouldExecuteQueries() throws Exception {
		AsyncResult result = session().execute("SELECT release_version FROM system.local")
			.get(BOUND.toSeconds(), TimeUnit.SECONDS);
		Row row = result.currentPage().iterator().next();
		assertThat(row.getString("release_version")).startsWith("5.0.");
	}

	@Test
	@Order(2)
	void healthShouldBeUpWithNodeDetails() {
		// Reactor is on the classpath: the contributor is the reactive one, as in Spring
		// Boot.
		Health health = context.getBean(AsyncCassandraReactiveHealthIndicator.class).health().block(BOUND);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("session", "open")
			.containsEntry("localDatacenter", "datacenter1")
			.containsEntry("datacenters", Map.of("datacenter1", Map.of("up", 1)))
			.containsKey("inFlight");
		assertThat(health.getDetails().toString()).doesNotContainIgnoringCase("password");
	}

	@Test
	@Order(3)
	void requestTimerShouldRecordWithOperationOutcomeAndExceptionTags() {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(session().execute("SELECT release_version FROM system.local")).succeedsWithin(BOUND);
		assertThat(session().execute("SELECT * FROM no_such_keyspace.no_such_table")).failsWithin(BOUND)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(InvalidQueryException.class);
		await().atMost(BOUND)
			.untilAsserted(() -> assertThat(registry.find(MicrometerQueryEventListener.REQUESTS)
				.tags("operation", "execute", "outcome", "success", "exception", "none")
				.timer()).isNotNull());
		await().atMost(BOUND)
			.untilAsserted(() -> assertThat(registry.find(MicrometerQueryEventListener.REQUESTS)
				.tags("operation", "execute", "outcome", "failure", "exception", "InvalidQueryException")
				.timer()).isNotNull());
		assertThat(registry.get(MicrometerQueryEventListener.REQUESTS).timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTags()).extracting((tag) -> tag.getKey())
				.containsExactlyInAnyOrder("operation", "outcome", "exception"));
	}

	@Test
	@Order(4)
	void driverMetricsShouldBePublishedToTheApplicationRegistry() {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		await().atMost(BOUND)
			.untilAsserted(() -> assertThat(registry.find("cassandra.session.connected-nodes").gauge()).isNotNull());
		assertThat(registry.find("cassandra.session.cql-requests").timer()).isNotNull();
		assertThat(registry.find("cassandra.nodes.pool.in-flight").gauge()).isNotNull();
	}

	@Test
	@Order(5)
	void throwingMeterRegistryShouldNotFailQueriesAndShouldBeCounted() {
		MicrometerQueryEventListener listener = new MicrometerQueryEventListener(new ThrowingMeterRegistry());
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(context.getBean(CqlSession.class))
			.withCloseCqlSession(false)
			.addListener(listener)
			.build();
		try {
			for (int i = 0; i < 20; i++) {
				assertThat(session.execute("SELECT release_version FROM system.local")).succeedsWithin(BOUND);
			}
			await().atMost(BOUND).untilAsserted(() -> assertThat(listener.recordingFailureCount()).isEqualTo(20));
		}
		finally {
			assertThat(session.closeAsync()).succeedsWithin(BOUND);
		}
	}

	@Test
	@Order(6)
	void blockedMeterRegistryShouldNotHoldQueriesBack() {
		CountDownLatch release = new CountDownLatch(1);
		BlockingMeterRegistry registry = new BlockingMeterRegistry(release);
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(context.getBean(CqlSession.class))
			.withCloseCqlSession(false)
			.addListener(new MicrometerQueryEventListener(registry))
			.build();
		try {
			for (int i = 0; i < 20; i++) {
				assertThat(session.execute("SELECT release_version FROM system.local")).succeedsWithin(BOUND);
			}
			assertThat(registry.recorded()).isZero();
		}
		finally {
			release.countDown();
			assertThat(session.closeAsync()).succeedsWithin(BOUND);
		}
		await().atMost(BOUND).untilAsserted(() -> assertThat(registry.recorded()).isPositive());
	}

	@Test
	@Order(7)
	void closingTheContextShouldDrainInFlightRequestsAndStopTheNode() {
		AsyncSession session = session();
		CqlSession cqlSession = context.getBean(CqlSession.class);
		List<CompletableFuture<AsyncResult>> requests = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			requests.add(session.execute("SELECT * FROM system_schema.columns"));
		}
		context.close();
		assertThat(session.isClosed()).isTrue();
		assertThat(cqlSession.isClosed()).isTrue();
		CompletableFuture<Void> all = CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new));
		assertThat(all.handle((ignored, error) -> null)).succeedsWithin(BOUND);
		// Drained means each request got the node's own answer: a page of rows or, when
		// the read waited in the node's read stage past its read_request_timeout (5 s,
		// seen beside a CPU hog with 200 full scans queued), the node's read failure. A
		// request cut off by the close would end with SessionClosedException, one that
		// met a stopped node with a connection error: neither is a CoordinatorException.
		assertThat(requests).allSatisfy((request) -> assertThat(request.handle(this::nodeAnswer).join())
			.isIn("a page of rows", "the node's failure"));
		assertThat(EmbeddedCassandra.processesUnder(DATA)).as("Cassandra JVMs left running after the context closed")
			.isEmpty();
	}

	private String nodeAnswer(AsyncResult result, Throwable error) {
		if (error == null) {
			return (result.remaining() > 0) ? "a page of rows" : "an empty page";
		}
		return (error instanceof CoordinatorException) ? "the node's failure" : error.toString();
	}

	private static AsyncSession session() {
		return context.getBean(AsyncSession.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DevModeApplication {

	}

	/**
	 * A registry whose timers cannot be created.
	 */
	static final class ThrowingMeterRegistry extends SimpleMeterRegistry {

		@Override
		protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
				PauseDetector pauseDetector) {
			throw new IllegalStateException("registry failure");
		}

	}

	/**
	 * A registry whose timer creation blocks until released, like a stuck exporter.
	 */
	static final class BlockingMeterRegistry extends SimpleMeterRegistry {

		private final CountDownLatch release;

		BlockingMeterRegistry(CountDownLatch release) {
			this.release = release;
		}

		long recorded() {
			return getMeters().stream()
				.filter(Timer.class::isInstance)
				.mapToLong((timer) -> ((Timer) timer).count())
				.sum();
		}

		@Override
		protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
				PauseDetector pauseDetector) {
			try {
				this.release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return super.newTimer(id, distributionStatisticConfig, pauseDetector);
		}

	}

}
