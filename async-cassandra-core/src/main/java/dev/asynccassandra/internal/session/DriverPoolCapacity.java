package dev.asynccassandra.internal.session;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.loadbalancing.NodeDistance;
import com.datastax.oss.driver.api.core.metadata.Node;

/**
 * The default bound on a session's requests in flight: how many requests the driver's
 * connection pools can carry at once, read when the session is built, as
 * {@code advanced.connection.pool.local.size} x
 * {@code advanced.connection.max-requests-per-connection} x the nodes at distance
 * {@code LOCAL} (at least one). Remote data centers are left out: the default load
 * balancing policy does not use them.
 */
final class DriverPoolCapacity {

	/** The driver's default {@code max-requests-per-connection}. */
	static final int DRIVER_DEFAULT_MAX_REQUESTS = 1024;

	private DriverPoolCapacity() {
	}

	static int of(CqlSession session) {
		int perConnection = DRIVER_DEFAULT_MAX_REQUESTS;
		int connections = 1;
		int nodes = 0;
		try {
			DriverExecutionProfile profile = session.getContext().getConfig().getDefaultProfile();
			perConnection = positiveOr(
					profile.getInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, DRIVER_DEFAULT_MAX_REQUESTS),
					DRIVER_DEFAULT_MAX_REQUESTS);
			connections = positiveOr(profile.getInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1), 1);
			for (Node node : session.getMetadata().getNodes().values()) {
				if (node.getDistance() == NodeDistance.LOCAL) {
					nodes++;
				}
			}
		}
		catch (RuntimeException ex) {
			// A driver session that cannot tell (a test double) gets the driver's
			// defaults for one node.
		}
		long capacity = (long) perConnection * connections * Math.max(1, nodes);
		return (int) Math.min(capacity, Integer.MAX_VALUE);
	}

	private static int positiveOr(int value, int fallback) {
		return (value > 0) ? value : fallback;
	}

}
