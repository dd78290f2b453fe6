package dev.asynccassandra.spring.diagnostics;

import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.metadata.Node;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns the usual Cassandra connection failures at startup into an actionable report: no
 * contact point reachable, authentication refused, and no local data center configured.
 * Reports name nodes and settings, never credentials.
 *
 * @since 0.1.0
 */
public final class AsyncCassandraFailureAnalyzer implements FailureAnalyzer {

	private static final String LOCAL_DATACENTER_MESSAGE = "local DC";

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AllNodesFailedException allNodesFailed) {
				return analyzeAllNodesFailed(allNodesFailed, cause);
			}
			if (cause instanceof IllegalStateException && cause.getMessage() != null
					&& cause.getMessage().contains(LOCAL_DATACENTER_MESSAGE)) {
				return new FailureAnalysis(
						"Cassandra contact points are configured, but no local datacenter: the driver needs one to "
								+ "route requests.",
						"Set spring.cassandra.local-datacenter to the datacenter of your contact points (see "
								+ "'nodetool status' or SELECT data_center FROM system.local).",
						cause);
			}
		}
		return null;
	}

	private FailureAnalysis analyzeAllNodesFailed(AllNodesFailedException failure, Throwable cause) {
		Map<Node, List<Throwable>> errors = failure.getAllErrors();
		String nodes = nodes(errors);
		if (hasAuthenticationFailure(errors)) {
			return new FailureAnalysis("Cassandra refused the credentials of the application (" + nodes + ").",
					"Check spring.cassandra.username and spring.cassandra.password, and that the role exists and "
							+ "may log in.",
					cause);
		}
		return new FailureAnalysis(
				"Could not reach any Cassandra contact point" + (nodes.isEmpty() ? "" : " (" + nodes + ")") + ".",
				"Start Cassandra, or check spring.cassandra.contact-points, spring.cassandra.port and the network "
						+ "between the application and the cluster. For local development, add "
						+ "async-cassandra-embedded and set async-cassandra.embedded.enabled=true.",
				cause);
	}

	private static boolean hasAuthenticationFailure(Map<Node, List<Throwable>> errors) {
		return errors.values()
			.stream()
			.flatMap(List::stream)
			.anyMatch((error) -> error instanceof AuthenticationException);
	}

	private static String nodes(Map<Node, List<Throwable>> errors) {
		StringBuilder nodes = new StringBuilder();
		for (Node node : errors.keySet()) {
			if (!nodes.isEmpty()) {
				nodes.append(", ");
			}
			nodes.append(node.getEndPoint());
		}
		return nodes.toString();
	}

}
