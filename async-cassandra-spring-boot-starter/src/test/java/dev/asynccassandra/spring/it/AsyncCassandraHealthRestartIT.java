package dev.asynccassandra.spring.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.spring.testing.ActuatorHealth;
import dev.asynccassandra.spring.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health/async-cassandra} of a running web application follows its own
 * dedicated node: UP with details, DOWN once the node stops, UP again after it restarts,
 * all without restarting the application context.
 */
class AsyncCassandraHealthRestartIT {

	private static final Duration BOUND = Duration.ofSeconds(90);

	private static final Path DATA = Path.of("target", "embedded-cassandra", "health-restart-it").toAbsolutePath();

	private static final String PASSWORD = "health-it-s3cret";

	private static EmbeddedCassandra node;

	@BeforeAll
	static void startNode() throws IOException {
		node = EmbeddedCassandra.start(EmbeddedCassandraConfig.builder()
			.nativePort(FreePorts.next())
			.storagePort(FreePorts.next())
			.dataDirectory(DATA)
			.kind(NodeKind.EPHEMERAL)
			.build());
	}

	@AfterAll
	static void stopNode() {
		if (node != null) {
			node.close();
		}
	}

	@Test
	void healthShouldGoDownWhenTheNodeStopsAndUpAgainAfterItRestarts() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HealthApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(Map.of("server.port", "0", "management.endpoints.web.exposure.include", "health",
					"management.endpoint.health.show-details", "always", "spring.cassandra.contact-points",
					node.contactPoint().getHostString() + ":" + node.contactPoint().getPort(),
					"spring.cassandra.local-datacenter", node.localDatacenter(), "spring.cassandra.password", PASSWORD,
					"spring.cassandra.connection.init-query-timeout", "20s"))
			.run()) {
			assertThat(context.getBean(AsyncSession.class).isClosed()).isFalse();
			ActuatorHealth health = ActuatorHealth.of(context, "/actuator/health/async-cassandra");

			HttpResponse<String> up = health.awaitStatusCode(200, BOUND);
			assertThat(up.body())
				.contains("\"status\":\"UP\"", "\"session\":\"open\"", "\"inFlight\":0",
						"\"localDatacenter\":\"" + node.localDatacenter() + "\"", "\"up\":1")
				.doesNotContain(PASSWORD);

			node.stop();
			HttpResponse<String> down = health.awaitStatusCode(503, BOUND);
			assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"session\":\"open\"", "\"down\":1")
				.doesNotContain(PASSWORD);

			node.start();
			HttpResponse<String> upAgain = health.awaitStatusCode(200, BOUND);
			assertThat(upAgain.body()).contains("\"status\":\"UP\"", "\"up\":1");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HealthApplication {

		// Reconnects quickly once the node is back, instead of backing off up to a
		// minute.
		@Bean
		DriverConfigLoaderBuilderCustomizer fastReconnection() {
			return (builder) -> builder
				.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
				.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1));
		}

	}

}
