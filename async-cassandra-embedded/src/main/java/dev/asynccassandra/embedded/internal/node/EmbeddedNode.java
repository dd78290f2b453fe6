package dev.asynccassandra.embedded.internal.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.internal.driver.ClusterMembership;
import dev.asynccassandra.embedded.internal.driver.DriverSessions;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point of the {@code api} packages into the implementation (the
 * architecture tests allow no other): creates nodes, single or as cluster members, and
 * gives the few services the API needs. Everything else under {@code internal} is reached
 * only from here.
 */
public final class EmbeddedNode {

	/** Data center of every embedded node (SimpleSnitch). */
	public static final String LOCAL_DATACENTER = DriverSessions.LOCAL_DATACENTER;

	private final CassandraNode node;

	private EmbeddedNode(CassandraNode node) {
		this.node = node;
	}

	/**
	 * Creates a single node, its own seed; nothing is launched yet.
	 * @param config the node's configuration
	 * @return the node
	 */
	public static EmbeddedNode single(EmbeddedCassandraConfig config) {
		return new EmbeddedNode(new CassandraNode(config, NodeSettings::singleNode));
	}

	/**
	 * Creates the members of a cluster, one per address, sharing the template's ports
	 * (free ones on every address when the template says 0), each owning one evenly
	 * spaced token, the first one being the seed; nothing is launched yet.
	 * @param addresses the members' addresses, the seed first
	 * @param template the settings shared by the members; their folders are
	 * {@code node-1}, {@code node-2}, ... under its data folder
	 * @return the members, in the order of the addresses
	 */
	public static List<EmbeddedNode> clusterMembers(List<InetAddress> addresses, EmbeddedCassandraConfig template) {
		int nativePort = (template.nativePort() != 0) ? template.nativePort() : Ports.freePort(addresses, 0);
		int storagePort = (template.storagePort() != 0) ? template.storagePort()
				: Ports.freePort(addresses, nativePort);
		List<Long> tokens = TokenRing.tokens(addresses.size());
		List<String> seeds = List.of(addresses.get(0).getHostAddress() + ":" + storagePort);
		List<EmbeddedNode> members = new ArrayList<>(addresses.size());
		for (int index = 0; index < addresses.size(); index++) {
			EmbeddedCassandraConfig config = template.toBuilder()
				.address(addresses.get(index).getHostAddress())
				.nativePort(nativePort)
				.storagePort(storagePort)
				.dataDirectory(template.dataDirectory().resolve("node-" + (index + 1)))
				.build();
			long token = tokens.get(index);
			members.add(new EmbeddedNode(new CassandraNode(config, (node, resolvedNative,
					resolvedStorage) -> new NodeSettings(node, resolvedNative, resolvedStorage, token, seeds, true))));
		}
		return members;
	}

	/**
	 * The live embedded Cassandra JVMs whose data lies under a folder.
	 * @param folder the folder
	 * @return the processes
	 */
	public static List<ProcessHandle> processesUnder(Path folder) {
		return NodeProcesses.under(folder);
	}

	/**
	 * Waits until a driver session sees every given node {@code UP}.
	 * @param contactPoints the nodes' CQL addresses
	 * @param timeout bound on the wait
	 */
	public static void awaitUp(Collection<InetSocketAddress> contactPoints, Duration timeout) {
		ClusterMembership.awaitUp(contactPoints, timeout);
	}

	/**
	 * Returns a driver session builder for embedded nodes, with settings fit for tests.
	 * @param contactPoints the nodes' CQL addresses
	 * @return a builder
	 */
	public static CqlSessionBuilder sessionBuilder(Collection<InetSocketAddress> contactPoints) {
		return DriverSessions.builder(contactPoints);
	}

	/**
	 * Launches the node and waits until it answers CQL.
	 */
	public void start() {
		this.node.start();
	}

	/**
	 * Drains and stops the node, if it runs.
	 */
	public void stop() {
		this.node.stop();
	}

	/**
	 * Returns whether the node's JVM is running.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.node.isRunning();
	}

	/**
	 * Returns the pid of the node's JVM.
	 * @return the pid, or empty if the node is not running
	 */
	public OptionalLong pid() {
		return this.node.pid();
	}

	/**
	 * Returns the CQL address (port 0 before the first start if one is to be picked).
	 * @return the address
	 */
	public InetSocketAddress contactPoint() {
		return this.node.contactPoint();
	}

	/**
	 * Returns the node's configuration, with resolved ports after the first start.
	 * @return the configuration
	 */
	public EmbeddedCassandraConfig config() {
		return this.node.config();
	}

	/**
	 * Returns the release version reported by the node.
	 * @return the version, or {@code null} before the first successful start
	 */
	public @Nullable String releaseVersion() {
		return this.node.releaseVersion();
	}

	/**
	 * Returns the folder of the node's logs.
	 * @return the folder
	 */
	public Path logDirectory() {
		return this.node.directory().logs();
	}

	/**
	 * Returns Cassandra's log file.
	 * @return the file
	 */
	public Path logFile() {
		return this.node.directory().systemLog();
	}

	/**
	 * Returns the file receiving the node JVM's output.
	 * @return the file
	 */
	public Path consoleLogFile() {
		return this.node.directory().consoleLog();
	}

}
