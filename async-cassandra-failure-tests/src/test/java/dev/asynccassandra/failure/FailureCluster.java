package dev.asynccassandra.failure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.asynccassandra.embedded.api.EmbeddedCassandraCluster;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;

/**
 * The 3-node cluster of the failure tests: node settings shared by the suites, and the
 * restart of every node after all were stopped.
 */
final class FailureCluster {

	/**
	 * Bound on each node start. Generous: on a shared 2-core machine (load average above
	 * 30) a node restarted next to another took more than the default 2 minutes.
	 */
	static final Duration NODE_STARTUP_TIMEOUT = Duration.ofMinutes(5);

	private FailureCluster() {
	}

	/**
	 * The node template: free ports, a clean start, the startup bound above, and server
	 * request timeouts short enough for the load's client timeouts.
	 * @param dataFolder the folder under {@code target/embedded-cassandra}
	 * @return the template
	 */
	static EmbeddedCassandraConfig nodeTemplate(String dataFolder) {
		return EmbeddedCassandraCluster.nodeTemplate()
			.nativePort(0)
			.storagePort(0)
			.cleanStart(true)
			.startupTimeout(NODE_STARTUP_TIMEOUT)
			.dataDirectory(Path.of("target", "embedded-cassandra", dataFolder))
			.yamlEntry("write_request_timeout", "'5000ms'")
			.yamlEntry("read_request_timeout", "'5000ms'")
			.yamlEntry("range_request_timeout", "'8000ms'")
			.build();
	}

	/**
	 * Starts every node after all were stopped: node 1 first, then nodes 2 and 3 at once,
	 * each within {@link #NODE_STARTUP_TIMEOUT}.
	 * @param cluster the cluster, all nodes stopped
	 * @throws Exception if a node does not start in time
	 */
	static void startAll(EmbeddedCassandraCluster cluster) throws Exception {
		cluster.startNode(1);
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> cluster.startNode(2), daemonThread());
		CompletableFuture<Void> third = CompletableFuture.runAsync(() -> cluster.startNode(3), daemonThread());
		CompletableFuture.allOf(second, third).get(NODE_STARTUP_TIMEOUT.plusMinutes(1).toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * The contact points as {@code host:port} list, the form of
	 * {@code spring.cassandra.contact-points}.
	 * @param cluster the cluster
	 * @return the comma-separated contact points
	 */
	static String contactPoints(EmbeddedCassandraCluster cluster) {
		return cluster.contactPoints()
			.stream()
			.map((address) -> address.getHostString() + ":" + address.getPort())
			.collect(Collectors.joining(","));
	}

	private static Executor daemonThread() {
		return (task) -> {
			Thread thread = new Thread(task, "failure-suite-node-start");
			thread.setDaemon(true);
			thread.start();
		};
	}

}
