package dev.asynccassandra.embedded.internal.driver;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.asynccassandra.embedded.api.EmbeddedCassandraException;

/**
 * Waits until given nodes are {@code UP} in a driver session's metadata.
 */
public final class ClusterMembership {

	private static final long POLL_MILLIS = 200;

	private ClusterMembership() {
	}

	/**
	 * Opens a session on the given nodes and waits until each of them is {@code UP}.
	 * @param expectedUp the CQL addresses of the nodes that must be up
	 * @param timeout the bound on the wait, session creation included
	 * @throws EmbeddedCassandraException listing each node's state if the bound is
	 * reached
	 */
	public static void awaitUp(Collection<InetSocketAddress> expectedUp, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, String> states = new TreeMap<>();
		try (CqlSession session = DriverSessions.builder(expectedUp).build()) {
			while (true) {
				states = states(session.getMetadata().getNodes().values());
				if (expectedUp.stream().allMatch((address) -> "UP".equals(statesOf(session, address)))) {
					return;
				}
				if (System.nanoTime() - deadline > 0) {
					break;
				}
				TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedCassandraException("Interrupted while waiting for nodes " + expectedUp + " to be UP", ex);
		}
		catch (RuntimeException ex) {
			throw new EmbeddedCassandraException("Cannot check that nodes " + expectedUp + " are UP: " + ex, ex);
		}
		throw new EmbeddedCassandraException(
				"Nodes " + expectedUp + " were not all UP within " + timeout + "; driver sees " + states);
	}

	private static String statesOf(CqlSession session, InetSocketAddress address) {
		return session.getMetadata()
			.getNodes()
			.values()
			.stream()
			.filter((node) -> address.equals(addressOf(node)))
			.map((node) -> node.getState().name())
			.findFirst()
			.orElse(NodeState.UNKNOWN.name());
	}

	private static Map<String, String> states(Collection<Node> nodes) {
		Map<String, String> states = new TreeMap<>();
		nodes.forEach((node) -> states.put(String.valueOf(addressOf(node)), node.getState().name()));
		return states;
	}

	private static SocketAddress addressOf(Node node) {
		return node.getEndPoint().resolve();
	}

}
