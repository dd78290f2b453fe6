package dev.asynccassandra.spring.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.spring.session.SessionNotConnectedException;
import dev.asynccassandra.spring.testing.ActuatorHealth;
import dev.asynccassandra.spring.testing.FreePorts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application starts while no Cassandra listens on its configured address, like
 * Spring Boot's own lazy {@code CqlSession}: health and readiness are DOWN with the
 * reason, a request fails at once with {@link SessionNotConnectedException}. Then a real
 * node starts on that address, and the session connects by itself: health and readiness
 * go UP and requests succeed, without a restart.
 */
class AsyncCassandraStartWithoutCassandraIT {

	private static final Path DATA = Path.of("target", "embedded-cassandra", "start-without-cassandra-it")
		.toAbsolutePath();

	private static final Duration NODE_START = EmbeddedCassandraConfig.DEFAULT_STARTUP_TIMEOUT;

	private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);

	@Test
	void theApplicationStartsWithoutCassandraAndConnectsOnceANodeAnswers() throws Exception {
		int nativePort = FreePorts.next();
		EmbeddedCassandra node = EmbeddedCassandra.create(EmbeddedCassandraConfig.builder()
			.nativePort(nativePort)
			.storagePort(FreePorts.next())
			.dataDirectory(DATA)
			.cleanStart(true)
			.build());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StartApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(Map.ofEntries(Map.entry("server.port", "0"),
					Map.entry("management.endpoints.web.exposure.include", "health"),
					Map.entry("management.endpoint.health.show-details", "always"),
					Map.entry("management.endpoint.health.probes.enabled", "true"),
					// Spring Boot's own indicator resolves the CqlSession bean, and so
					// connects, while the application starts.
					Map.entry("management.health.cassandra.enabled", "false"),
					Map.entry("management.endpoint.health.group.readiness.include", "readinessState,async-cassandra"),
					Map.entry("spring.cassandra.contact-points", "127.0.0.1:" + nativePort),
					Map.entry("spring.cassandra.local-datacenter", EmbeddedCassandra.LOCAL_DATACENTER),
					Map.entry("spring.cassandra.connection.init-query-timeout", "20s"),
					Map.entry("async-cassandra.startup.retry-delay", "200ms"),
					Map.entry("async-cassandra.startup.max-retry-delay", MAX_RETRY_DELAY.toMillis() + "ms")))
			.run()) {
			ActuatorHealth health = ActuatorHealth.of(context, "/actuator/health/async-cassandra");
			ActuatorHealth readiness = ActuatorHealth.of(context, "/actuator/health/readiness");
			AsyncSession session = context.getBean(AsyncSession.class);

			HttpResponse<String> down = health.get();
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"session\":\"connecting\"", "\"error\":");
			assertThat(readiness.get().statusCode()).isEqualTo(503);

			long start = System.nanoTime();
			CompletableFuture<AsyncResult> refused = session.execute("SELECT release_version FROM system.local");
			long refusedNanos = System.nanoTime() - start;
			assertThat(refused).as("fails at once, before any I/O").isCompletedExceptionally();
			assertThat(refused.handle((result, error) -> error).join())
				.isInstanceOf(SessionNotConnectedException.class);

			node.start();
			long nodeUp = System.nanoTime();
			HttpResponse<String> up = health.awaitStatusCode(200,
					MAX_RETRY_DELAY.multipliedBy(10).plus(Duration.ofSeconds(30)));
			long connectedNanos = System.nanoTime() - nodeUp;
			assertThat(up.body()).contains("\"status\":\"UP\"", "\"session\":\"open\"");
			assertThat(readiness.get().statusCode()).isEqualTo(200);
			AsyncResult result = session.execute("SELECT release_version FROM system.local").get(30, TimeUnit.SECONDS);
			assertThat(result.one()).isNotNull();
			System.out.printf(
					"start without Cassandra IT: request refused in %d us; health UP %d ms after the node "
							+ "answered%n",
					TimeUnit.NANOSECONDS.toMicros(refusedNanos), TimeUnit.NANOSECONDS.toMillis(connectedNanos));
		}
		finally {
			node.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StartApplication {

	}

}
