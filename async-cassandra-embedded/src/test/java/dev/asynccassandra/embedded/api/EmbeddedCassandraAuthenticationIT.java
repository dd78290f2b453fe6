package dev.asynccassandra.embedded.api;

import java.time.Duration;
import java.util.List;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import dev.asynccassandra.embedded.internal.driver.DriverSessions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A node with credentials requires them: the configured role logs in, Cassandra's default
 * superuser is gone, wrong credentials fail fast with a message naming authentication,
 * and a node that rejects the readiness check's login fails the start fast instead of
 * waiting for the startup timeout. No message holds a password.
 */
class EmbeddedCassandraAuthenticationIT {

	private static final String PASSWORD = "Pa55'word\"x";

	private static final Duration FAST = Duration.ofSeconds(10);

	@Test
	void configuredRoleLogsInAndWrongCredentialsFailFast() {
		EmbeddedCassandraConfig config = TestConfigs.node("auth").credentials("dev", PASSWORD).build();
		try (EmbeddedCassandra node = EmbeddedCassandra.start(config)) {
			try (CqlSession session = login(node, "dev", PASSWORD).build()) {
				assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
				assertThat(session.execute("SELECT role FROM system_auth.roles").all())
					.extracting((row) -> row.getString("role"))
					.containsExactly("dev");
			}
			assertRejectedFast(login(node, "dev", "wrong-password"), "dev");
			assertRejectedFast(login(node, "cassandra", "cassandra"), "cassandra");
			assertRejectedFast(DriverSessions.builder(List.of(node.contactPoint())), null);
		}
	}

	@Test
	void restartWithOtherCredentialsFailsFastNamingAuthentication() {
		EmbeddedCassandraConfig config = TestConfigs.node("auth-changed").credentials("dev", PASSWORD).build();
		try (EmbeddedCassandra node = EmbeddedCassandra.start(config)) {
			node.stop();
		}
		EmbeddedCassandraConfig changed = config.toBuilder()
			.kind(NodeKind.DURABLE)
			.credentials("dev", "another-password")
			.startupTimeout(Duration.ofMinutes(4))
			.build();
		long start = System.nanoTime();
		assertThatExceptionOfType(EmbeddedCassandraAuthenticationException.class)
			.isThrownBy(() -> EmbeddedCassandra.start(changed))
			.withMessageContaining("rejected the credentials of user 'dev'")
			.withMessageContaining("authentication failed")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("another-password").doesNotContain(PASSWORD));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).as("well within the 4 minute startup timeout").isLessThan(Duration.ofSeconds(90));
		assertThat(EmbeddedCassandra.processesUnder(changed.dataDirectory())).isEmpty();
	}

	@Test
	void nodeRequiringAuthenticationWithoutCredentialsFailsFast() {
		EmbeddedCassandraConfig config = TestConfigs.node("auth-none")
			.yamlEntry("authenticator", "PasswordAuthenticator")
			.startupTimeout(Duration.ofMinutes(4))
			.build();
		long start = System.nanoTime();
		assertThatExceptionOfType(EmbeddedCassandraAuthenticationException.class)
			.isThrownBy(() -> EmbeddedCassandra.start(config))
			.withMessageContaining("requires authentication, but no credentials are configured");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(90));
		assertThat(EmbeddedCassandra.processesUnder(config.dataDirectory())).isEmpty();
	}

	private static CqlSessionBuilder login(EmbeddedCassandra node, String username, String password) {
		return DriverSessions.builder(List.of(node.contactPoint())).withAuthCredentials(username, password);
	}

	private static void assertRejectedFast(CqlSessionBuilder builder, String username) {
		long start = System.nanoTime();
		assertThatExceptionOfType(AllNodesFailedException.class).isThrownBy(() -> builder.build().close())
			.satisfies((ex) -> {
				assertThat(ex.getAllErrors().values()).anySatisfy((errors) -> assertThat(errors)
					.anySatisfy((error) -> assertThat(error).isInstanceOf(AuthenticationException.class)));
				assertThat(ex.getMessage()).containsIgnoringCase("authentication")
					.doesNotContain(PASSWORD)
					.doesNotContain("wrong-password");
				if (username != null) {
					assertThat(ex.getMessage()).contains(username);
				}
			});
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isLessThan(FAST);
		System.out.println("Login as " + username + " rejected in " + took.toMillis() + " ms");
	}

}
