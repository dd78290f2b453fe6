package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.embedded.internal.driver.DriverSessions;
import org.jspecify.annotations.Nullable;

/**
 * Asks a node for {@code release_version} over CQL, logged in when credentials are given;
 * only a real answer means ready, and a rejected login is told apart from a node that is
 * not ready yet.
 */
final class ReadinessProbe {

	private static final int CONNECT_TIMEOUT_MILLIS = 1000;

	private ReadinessProbe() {
	}

	/**
	 * Queries the node once, without credentials.
	 * @param contactPoint the node's CQL address
	 * @return the release version, or empty if the node did not answer
	 */
	public static Optional<String> releaseVersion(InetSocketAddress contactPoint) {
		return Optional.ofNullable(probe(contactPoint, null).version());
	}

	/**
	 * Queries the node once.
	 * @param contactPoint the node's CQL address
	 * @param credentials the login, or {@code null} for none
	 * @return the answer
	 */
	public static Answer probe(InetSocketAddress contactPoint, @Nullable NodeCredentials credentials) {
		if (!acceptsConnections(contactPoint)) {
			return Answer.NOT_READY;
		}
		CqlSessionBuilder builder = DriverSessions.probeBuilder(contactPoint);
		if (credentials != null) {
			builder.withAuthCredentials(credentials.username(), credentials.password());
		}
		try (CqlSession session = builder.build()) {
			Row row = session.execute("SELECT release_version FROM system.local").one();
			String version = (row != null) ? row.getString("release_version") : null;
			return (version != null) ? Answer.ready(version) : Answer.NOT_READY;
		}
		catch (AuthenticationException ex) {
			return Answer.rejected(ex.getMessage());
		}
		catch (AllNodesFailedException ex) {
			return ex.getAllErrors()
				.values()
				.stream()
				.flatMap(List::stream)
				.filter(AuthenticationException.class::isInstance)
				.findFirst()
				.map((rejection) -> Answer.rejected(rejection.getMessage()))
				.orElse(Answer.NOT_READY);
		}
		catch (RuntimeException ex) {
			return Answer.NOT_READY;
		}
	}

	private static boolean acceptsConnections(InetSocketAddress contactPoint) {
		try (Socket socket = new Socket()) {
			socket.connect(contactPoint, CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The outcome of one probe.
	 *
	 * @param version the release version when the node answered, else {@code null}
	 * @param rejection the node's reason when it rejected the login, else {@code null}
	 */
	public record Answer(@Nullable String version, @Nullable String rejection) {

		/** The node did not answer (yet). */
		public static final Answer NOT_READY = new Answer(null, null);

		static Answer ready(String version) {
			return new Answer(version, null);
		}

		static Answer rejected(@Nullable String reason) {
			return new Answer(null, (reason != null) ? reason : "authentication failed");
		}

		/**
		 * Returns whether the node answered.
		 * @return whether it is ready
		 */
		public boolean isReady() {
			return this.version != null;
		}

		/**
		 * Returns whether the node rejected the login.
		 * @return whether it was rejected
		 */
		public boolean isRejected() {
			return this.rejection != null;
		}

		/**
		 * Returns whether the node said the user name or password is wrong (as opposed to
		 * another authentication problem, such as its role tables not being ready).
		 * @return whether the credentials are wrong
		 */
		public boolean isWrongCredentials() {
			return this.rejection != null && this.rejection.contains("are incorrect");
		}

	}

}
