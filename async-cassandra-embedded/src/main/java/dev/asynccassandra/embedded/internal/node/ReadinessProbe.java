package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.embedded.internal.driver.DriverSessions;

/**
 * Asks a node for {@code release_version} over CQL; only a real answer means ready.
 */
public final class ReadinessProbe {

	private static final int CONNECT_TIMEOUT_MILLIS = 1000;

	private ReadinessProbe() {
	}

	/**
	 * Queries the node once.
	 * @param contactPoint the node's CQL address
	 * @return the release version, or empty if the node did not answer
	 */
	public static Optional<String> releaseVersion(InetSocketAddress contactPoint) {
		if (!acceptsConnections(contactPoint)) {
			return Optional.empty();
		}
		try (CqlSession session = DriverSessions.probeBuilder(contactPoint).build()) {
			Row row = session.execute("SELECT release_version FROM system.local").one();
			return Optional.ofNullable((row != null) ? row.getString("release_version") : null);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
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

}
