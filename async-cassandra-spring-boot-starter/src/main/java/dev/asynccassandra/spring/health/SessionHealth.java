package dev.asynccassandra.spring.health;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import com.datastax.oss.driver.api.core.loadbalancing.NodeDistance;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.session.ConnectingAsyncSession;
import dev.asynccassandra.spring.session.LocalDatacenters;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;

/**
 * Builds the health of an {@link AsyncSession} from the driver's metadata and the
 * session's state only: no query, no I/O, no lock, so it is cheap and bounded in time.
 */
final class SessionHealth {

	private SessionHealth() {
	}

	static void describe(AsyncSession session, Health.Builder builder) {
		if (session instanceof ConnectingAsyncSession connecting && !connecting.isConnected()) {
			describeNotConnected(connecting, builder);
			return;
		}
		boolean closed = session.isClosed();
		builder.withDetail("session", closed ? "closed" : "open");
		builder.withDetail("inFlight", session.inFlightCount());
		if (closed) {
			builder.down();
			return;
		}
		Collection<Node> nodes = session.cqlSession().getMetadata().getNodes().values();
		String localDatacenter = localDatacenter(session, nodes);
		Map<String, Map<String, Integer>> datacenters = new TreeMap<>();
		boolean localNodeUp = false;
		for (Node node : nodes) {
			String datacenter = (node.getDatacenter() != null) ? node.getDatacenter() : "unknown";
			String state = stateName(node.getState());
			datacenters.computeIfAbsent(datacenter, (name) -> new TreeMap<>()).merge(state, 1, Integer::sum);
			if (node.getState() == NodeState.UP && isLocal(node, localDatacenter)) {
				localNodeUp = true;
			}
		}
		if (localDatacenter != null) {
			builder.withDetail("localDatacenter", localDatacenter);
		}
		builder.withDetail("datacenters", datacenters);
		if (!localNodeUp && localDatacenter != null && !nodes.isEmpty() && !datacenters.containsKey(localDatacenter)) {
			builder.withDetail("error",
					"No node in the local datacenter '" + localDatacenter + "'; nodes seen in " + datacenters.keySet());
		}
		if (localNodeUp) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static void describeNotConnected(ConnectingAsyncSession session, Health.Builder builder) {
		builder.down()
			.withDetail("session", session.isClosed() ? "closed" : "connecting")
			.withDetail("connectionAttempts", session.connectionAttempts());
		Throwable failure = session.connectionFailure();
		if (failure != null) {
			builder.withDetail("error", failure.getClass().getName() + ": " + failure.getMessage());
		}
	}

	private static @Nullable String localDatacenter(AsyncSession session, Collection<Node> nodes) {
		String configured = LocalDatacenters.configured(session.cqlSession());
		if (configured != null) {
			return configured;
		}
		for (Node node : nodes) {
			if (node.getDistance() == NodeDistance.LOCAL && node.getDatacenter() != null) {
				return node.getDatacenter();
			}
		}
		return null;
	}

	private static boolean isLocal(Node node, @Nullable String localDatacenter) {
		if (localDatacenter != null) {
			return localDatacenter.equals(node.getDatacenter());
		}
		return node.getDistance() != NodeDistance.IGNORED;
	}

	private static String stateName(NodeState state) {
		return switch (state) {
			case UP -> "up";
			case DOWN, FORCED_DOWN -> "down";
			case UNKNOWN -> "unknown";
		};
	}

}
