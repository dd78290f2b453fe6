package dev.asynccassandra.spring.session;

import java.util.Set;
import java.util.TreeSet;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.loadbalancing.LoadBalancingPolicy;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.internal.core.loadbalancing.BasicLoadBalancingPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Compares the configured local data center with the data centers of the nodes the driver
 * found, from its metadata only (no I/O).
 *
 * @since 0.1.0
 */
public final class LocalDatacenters {

	private LocalDatacenters() {
	}

	/**
	 * Finds a configured local data center that none of the known nodes is in.
	 * @param cqlSession a connected driver session
	 * @return the mismatch, or {@code null} when no local data center is configured, or
	 * one known node is in it, or no node is known yet
	 */
	public static @Nullable LocalDatacenterMismatchException mismatch(CqlSession cqlSession) {
		String configured = configured(cqlSession);
		if (configured == null) {
			return null;
		}
		Set<String> seen = new TreeSet<>();
		for (Node node : cqlSession.getMetadata().getNodes().values()) {
			String datacenter = node.getDatacenter();
			if (configured.equals(datacenter)) {
				return null;
			}
			if (datacenter != null) {
				seen.add(datacenter);
			}
		}
		return seen.isEmpty() ? null : new LocalDatacenterMismatchException(configured, seen);
	}

	/**
	 * The local data center the session was given: in its configuration (where Spring
	 * Boot puts {@code spring.cassandra.local-datacenter}), else on its builder (as the
	 * driver's default load balancing policy reports it).
	 * @param cqlSession the driver session
	 * @return the data center, or {@code null} when none was given
	 */
	public static @Nullable String configured(CqlSession cqlSession) {
		String configured = cqlSession.getContext()
			.getConfig()
			.getDefaultProfile()
			.getString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, null);
		if (configured != null) {
			return configured;
		}
		LoadBalancingPolicy policy = cqlSession.getContext()
			.getLoadBalancingPolicy(DriverExecutionProfile.DEFAULT_NAME);
		return (policy instanceof BasicLoadBalancingPolicy basic) ? basic.getLocalDatacenter() : null;
	}

}
