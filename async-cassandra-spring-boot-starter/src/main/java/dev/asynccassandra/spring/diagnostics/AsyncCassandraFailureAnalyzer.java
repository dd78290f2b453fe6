package dev.asynccassandra.spring.diagnostics;

import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.asynccassandra.api.error.CauseChain;
import dev.asynccassandra.spring.session.LocalDatacenterMismatchException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns the usual Cassandra connection failures at startup into an actionable report: no
 * contact point reachable, authentication refused, TLS handshake failed, no local data
 * center configured, a local data center no node is in, and a keyspace that does not
 * exist. Reports name nodes, data centers and settings, never credentials. They apply
 * when the startup fails, that is with {@code async-cassandra.startup.fail-fast=true}
 * (otherwise the application starts and the health endpoint reports the same failures).
 *
 * @since 0.1.0
 */
public final class AsyncCassandraFailureAnalyzer implements FailureAnalyzer {

	// The driver raises a plain IllegalStateException for a missing local data center
	// (its MandatoryLocalDcHelper) and has no type for it; its message names the driver
	// option to set, which the driver's public API spells, so the check uses that rather
	// than a phrase of the message.
	private static final String LOCAL_DATACENTER_OPTION = DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER.getPath();

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		return CauseChain.search(failure, this::analyzeOne);
	}

	private @Nullable FailureAnalysis analyzeOne(Throwable cause) {
		if (cause instanceof AllNodesFailedException allNodesFailed) {
			return analyzeAllNodesFailed(allNodesFailed);
		}
		if (cause instanceof LocalDatacenterMismatchException mismatch) {
			return new FailureAnalysis("Cassandra answered, but none of its nodes is in the local datacenter '"
					+ mismatch.localDatacenter() + "': the driver found nodes in " + mismatch.seenDatacenters() + ".",
					"Set spring.cassandra.local-datacenter to one of " + mismatch.seenDatacenters() + ".", cause);
		}
		if (cause instanceof InvalidKeyspaceException) {
			return new FailureAnalysis(
					"Cassandra answered, but the session's keyspace does not exist: " + cause.getMessage() + ".",
					"Create the keyspace before the application starts, or correct "
							+ "spring.cassandra.keyspace-name (leave it unset to connect without a keyspace).",
					cause);
		}
		if (cause instanceof IllegalStateException && cause.getMessage() != null
				&& cause.getMessage().contains(LOCAL_DATACENTER_OPTION)) {
			return new FailureAnalysis(
					"Cassandra contact points are configured, but no local datacenter: the driver needs one to "
							+ "route requests.",
					"Set spring.cassandra.local-datacenter to the datacenter of your contact points (see "
							+ "'nodetool status' or SELECT data_center FROM system.local).",
					cause);
		}
		return null;
	}

	private FailureAnalysis analyzeAllNodesFailed(AllNodesFailedException failure) {
		Map<Node, List<Throwable>> errors = failure.getAllErrors();
		String nodes = nodes(errors);
		if (find(errors, AuthenticationException.class) != null) {
			return new FailureAnalysis("Cassandra refused the credentials of the application (" + nodes + ").",
					"Check spring.cassandra.username and spring.cassandra.password, and that the role exists and "
							+ "may log in.",
					failure);
		}
		SSLException tls = find(errors, SSLException.class);
		if (tls != null) {
			return new FailureAnalysis(
					"The TLS handshake with Cassandra failed (" + nodes + "): " + tls.getMessage() + ".",
					"Check spring.cassandra.ssl.enabled and spring.cassandra.ssl.bundle: the bundle's trust store "
							+ "must trust the nodes' certificates, and the nodes must accept TLS on the native port "
							+ "(client_encryption_options in cassandra.yaml).",
					failure);
		}
		return new FailureAnalysis(
				"Could not reach any Cassandra contact point" + (nodes.isEmpty() ? "" : " (" + nodes + ")") + ".",
				"Start Cassandra, or check spring.cassandra.contact-points, spring.cassandra.port and the network "
						+ "between the application and the cluster. For local development, add "
						+ "async-cassandra-embedded and set async-cassandra.embedded.enabled=true. To start the "
						+ "application anyway and connect once Cassandra answers, leave "
						+ "async-cassandra.startup.fail-fast unset and turn off Spring Boot's own Cassandra health "
						+ "indicator (management.health.cassandra.enabled=false), which connects while the "
						+ "application starts; the async-cassandra indicator reports the connection instead.",
				failure);
	}

	private static <T extends Throwable> @Nullable T find(Map<Node, List<Throwable>> errors, Class<T> type) {
		for (List<Throwable> nodeErrors : errors.values()) {
			for (Throwable error : nodeErrors) {
				T found = CauseChain.find(error, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
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
