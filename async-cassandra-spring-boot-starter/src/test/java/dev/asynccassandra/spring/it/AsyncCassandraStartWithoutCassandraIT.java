package dev.asynccassandra.spring.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
		int nativePort = freePort();
		EmbeddedCassandra node = EmbeddedCassandra.create(EmbeddedCassandraConfig.builder()
			.nativePort(nativePort)
			.storagePort(freePort())
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
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health/async-cassandra");
			URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
			AsyncSession session = context.getBean(AsyncSession.class);

			HttpResponse<String> down = get(client, health);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"session\":\"connecting\"", "\"error\":");
			assertThat(get(client, readiness).statusCode()).isEqualTo(503);

			long start = System.nanoTime();
			CompletableFuture<AsyncResult> refused = session.execute("SELECT release_version FROM system.local");
			long refusedNanos = System.nanoTime() - start;
			assertThat(refused).as("fails at once, before any I/O").isCompletedExceptionally();
			assertThat(refused.handle((result, error) -> error).join())
				.isInstanceOf(SessionNotConnectedException.class);

			node.start();
			long nodeUp = System.nanoTime();
			HttpResponse<String> up = await().atMost(MAX_RETRY_DELAY.multipliedBy(10).plus(Duration.ofSeconds(30)))
				.until(() -> get(client, health), (response) -> response.statusCode() == 200);
			long connectedNanos = System.nanoTime() - nodeUp;
			assertThat(up.body()).contains("\"status\":\"UP\"", "\"session\":\"open\"");
			assertThat(get(client, readiness).statusCode()).isEqualTo(200);
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

	private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StartApplication {

	}

}
