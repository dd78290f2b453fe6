package dev.asynccassandra.embedded.internal.driver;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.asynccassandra.embedded.api.EmbeddedCassandraException;

/**
 * Waits until given nodes are {@code UP} in a driver session's metadata and each of them
 * knows every other one, so that a session opened next sees them all whichever node its
 * control connection picks.
 */
public final class ClusterMembership {

	private static final long POLL_MILLIS = 200;

	private ClusterMembership() {
	}

	/**
	 * Opens a session on the given nodes and waits until each of them is {@code UP} and
	 * has a complete {@code system.peers_v2} entry for every other one. Without the
	 * second part a node that joined last may not list the others yet, and a session
	 * whose control connection lands on it sees a one-node cluster.
	 * @param expectedUp the CQL addresses of the nodes that must be up
	 * @param timeout the bound on the wait, session creation included
	 * @throws EmbeddedCassandraException saying what was still missing if the bound is
	 * reached
	 */
	public static void awaitUp(Collection<InetSocketAddress> expectedUp, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String missing;
		try (CqlSession session = DriverSessions.builder(expectedUp).build()) {
			while (true) {
				missing = missing(session, expectedUp);
				if (missing.isEmpty()) {
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
				"Nodes " + expectedUp + " did not all see each other within " + timeout + ": " + missing);
	}

	private static String missing(CqlSession session, Collection<InetSocketAddress> expectedUp) {
		boolean allUp = expectedUp.stream()
			.allMatch((address) -> nodeAt(session, address).filter((node) -> node.getState() == NodeState.UP)
				.isPresent());
		if (!allUp) {
			return "driver sees " + states(session.getMetadata().getNodes().values());
		}
		Map<String, String> unknownPeers = new TreeMap<>();
		for (InetSocketAddress address : expectedUp) {
			String unknown = unknownPeers(session, address, expectedUp);
			if (!unknown.isEmpty()) {
				unknownPeers.put(String.valueOf(address), unknown);
			}
		}
		return unknownPeers.isEmpty() ? "" : "nodes without a complete peer entry for others: " + unknownPeers;
	}

	private static String unknownPeers(CqlSession session, InetSocketAddress address,
			Collection<InetSocketAddress> expectedUp) {
		Optional<Node> node = nodeAt(session, address);
		if (node.isEmpty()) {
			return "not in the driver's metadata";
		}
		try {
			List<PeerEntry> entries = session.execute(SimpleStatement.newInstance(PeerEntry.QUERY).setNode(node.get()))
				.map(PeerEntry::of)
				.all();
			List<InetSocketAddress> missing = PeerEntry.missing(address, expectedUp, entries);
			return missing.isEmpty() ? "" : missing.toString();
		}
		catch (DriverException ex) {
			return "cannot read its peers: " + ex;
		}
	}

	private static Optional<Node> nodeAt(CqlSession session, InetSocketAddress address) {
		return session.getMetadata()
			.getNodes()
			.values()
			.stream()
			.filter((node) -> address.equals(addressOf(node)))
			.findFirst();
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
