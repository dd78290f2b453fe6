package dev.asynccassandra.embedded.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.asynccassandra.embedded.internal.node.EmbeddedNode;

/**
 * A cluster of real Cassandra nodes, each in its own child JVM, on consecutive loopback
 * addresses ({@code 127.0.0.1}, {@code 127.0.0.2}, ...) with the same ports.
 * <p>
 * Nodes are numbered from 1: node {@code i} listens on the template's address plus
 * {@code i - 1}. Each owns one evenly spaced Murmur3 token, node 1 is the seed and nodes
 * join without bootstrapping, so an empty cluster forms in seconds.
 * {@link #start(int, EmbeddedCassandraConfig)} starts node 1, then the others in
 * parallel, and returns once every node is {@code UP} in a driver session's metadata.
 * Thread-safe; closing stops every node.
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraCluster implements AutoCloseable {

	/** Default maximum heap of each node: {@code 256m}. */
	public static final String DEFAULT_NODE_MAX_HEAP = "256m";

	private static final int MAXIMUM_NODES = 9;

	private final List<EmbeddedCassandra> nodes;

	private final Duration startupTimeout;

	private EmbeddedCassandraCluster(List<EmbeddedCassandra> nodes, Duration startupTimeout) {
		this.nodes = List.copyOf(nodes);
		this.startupTimeout = startupTimeout;
	}

	/**
	 * Returns a builder for the node template with the cluster defaults: heap
	 * {@value #DEFAULT_NODE_MAX_HEAP}, {@link NodeKind#EPHEMERAL ephemeral} nodes and
	 * folders under {@code target/embedded-cassandra/cluster}.
	 * @return a builder to adjust and pass to
	 * {@link #start(int, EmbeddedCassandraConfig)}
	 */
	public static EmbeddedCassandraConfig.Builder nodeTemplate() {
		return EmbeddedCassandraConfig.builder()
			.maxHeap(DEFAULT_NODE_MAX_HEAP)
			.kind(NodeKind.EPHEMERAL)
			.dataDirectory(Path.of("target", "embedded-cassandra", "cluster"));
	}

	/**
	 * Starts a cluster with the default node template on ports 9042 and 7000.
	 * @param nodeCount the number of nodes, 1 to 9
	 * @return the running cluster
	 * @throws EmbeddedCassandraException if a node cannot start or the nodes do not see
	 * each other in time; started nodes are stopped again
	 */
	public static EmbeddedCassandraCluster start(int nodeCount) {
		return start(nodeCount, nodeTemplate().build());
	}

	/**
	 * Starts a cluster. The template gives the first node's address, the ports shared by
	 * all nodes (0 picks ports free on every address), and the parent folder of the
	 * nodes' folders ({@code node-1}, {@code node-2}, ...); its other settings apply to
	 * every node.
	 * @param nodeCount the number of nodes, 1 to 9
	 * @param template the settings shared by the nodes
	 * @return the running cluster, once every node is up
	 * @throws EmbeddedCassandraException if a node cannot start or the nodes do not see
	 * each other within the template's startup timeout; started nodes are stopped again
	 */
	public static EmbeddedCassandraCluster start(int nodeCount, EmbeddedCassandraConfig template) {
		Objects.requireNonNull(template, "'template' must not be null");
		if (nodeCount < 1 || nodeCount > MAXIMUM_NODES) {
			throw new IllegalArgumentException("Node count must be 1 to " + MAXIMUM_NODES + ", not " + nodeCount);
		}
		if (template.username() != null) {
			throw new IllegalArgumentException(
					"Credentials are supported on a single node (EmbeddedCassandra), not on a cluster");
		}
		List<InetAddress> addresses = addresses(template.address(), nodeCount);
		List<EmbeddedCassandra> nodes = EmbeddedNode.clusterMembers(addresses, template)
			.stream()
			.map(EmbeddedCassandra::new)
			.toList();
		EmbeddedCassandraCluster cluster = new EmbeddedCassandraCluster(nodes, template.startupTimeout());
		try {
			cluster.startAll();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private static List<InetAddress> addresses(InetAddress first, int count) {
		byte[] bytes = first.getAddress();
		if (bytes.length != 4 || (bytes[3] & 0xFF) + count - 1 > 254) {
			throw new IllegalArgumentException(
					"Cannot give " + count + " nodes consecutive IPv4 addresses from " + first.getHostAddress());
		}
		List<InetAddress> addresses = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			byte[] next = bytes.clone();
			next[3] = (byte) ((bytes[3] & 0xFF) + index);
			try {
				addresses.add(InetAddress.getByAddress(next));
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return addresses;
	}

	private void startAll() {
		// The seed first: a node that cannot reach the seed within the (short) ring delay
		// gives up ("Unable to gossip with any peers"), which happens on a busy machine.
		this.nodes.get(0).start();
		List<CompletableFuture<Void>> starts = new ArrayList<>();
		for (EmbeddedCassandra node : this.nodes.subList(1, this.nodes.size())) {
			starts.add(CompletableFuture.runAsync(node::start, (task) -> {
				Thread thread = new Thread(task,
						"embedded-cassandra-start-" + node.config().address().getHostAddress());
				thread.setDaemon(true);
				thread.start();
			}));
		}
		Duration bound = this.startupTimeout.plus(this.nodes.get(0).config().shutdownTimeout().multipliedBy(2));
		for (CompletableFuture<Void> start : starts) {
			await(start, bound);
		}
		EmbeddedNode.awaitUp(contactPoints(), this.startupTimeout);
	}

	private static void await(CompletableFuture<Void> start, Duration bound) {
		try {
			start.get(bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new EmbeddedCassandraException("Cannot start a cluster node", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new EmbeddedCassandraException("A cluster node did not start within " + bound, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedCassandraException("Interrupted while starting the cluster", ex);
		}
	}

	/**
	 * Returns the number of nodes.
	 * @return the node count
	 */
	public int size() {
		return this.nodes.size();
	}

	/**
	 * Returns a node.
	 * @param number the node number, 1 to {@link #size()}
	 * @return the node
	 * @throws IllegalArgumentException if there is no such node
	 */
	public EmbeddedCassandra node(int number) {
		if (number < 1 || number > this.nodes.size()) {
			throw new IllegalArgumentException("Node number must be 1 to " + this.nodes.size() + ", not " + number);
		}
		return this.nodes.get(number - 1);
	}

	/**
	 * Returns all nodes, node 1 first.
	 * @return an unmodifiable list
	 */
	public List<EmbeddedCassandra> nodes() {
		return this.nodes;
	}

	/**
	 * Returns the CQL addresses of all nodes, running or not, node 1 first.
	 * @return the contact points
	 */
	public List<InetSocketAddress> contactPoints() {
		return this.nodes.stream().map(EmbeddedCassandra::contactPoint).toList();
	}

	/**
	 * Returns the data center of every node.
	 * @return {@value EmbeddedCassandra#LOCAL_DATACENTER}
	 */
	public String localDatacenter() {
		return EmbeddedCassandra.LOCAL_DATACENTER;
	}

	/**
	 * Stops a node (see {@link EmbeddedCassandra#stop()}); the others keep running.
	 * @param number the node number, 1 to {@link #size()}
	 */
	public void stopNode(int number) {
		node(number).stop();
	}

	/**
	 * Starts a stopped node again with its data, and returns once every running node is
	 * {@code UP} in a driver session's metadata (within the startup timeout).
	 * @param number the node number, 1 to {@link #size()}
	 * @throws EmbeddedCassandraException if the node cannot start or is not seen up in
	 * time
	 */
	public void startNode(int number) {
		node(number).start();
		List<InetSocketAddress> running = this.nodes.stream()
			.filter(EmbeddedCassandra::isRunning)
			.map(EmbeddedCassandra::contactPoint)
			.toList();
		EmbeddedNode.awaitUp(running, this.startupTimeout);
	}

	/**
	 * Stops every node, in parallel, and returns once all have exited.
	 */
	@Override
	public void close() {
		List<CompletableFuture<Void>> stops = new ArrayList<>();
		for (EmbeddedCassandra node : this.nodes) {
			stops.add(CompletableFuture.runAsync(node::stop, (task) -> {
				Thread thread = new Thread(task, "embedded-cassandra-stop");
				thread.setDaemon(true);
				thread.start();
			}));
		}
		Duration bound = this.nodes.get(0).config().shutdownTimeout().multipliedBy(3);
		RuntimeException failure = null;
		for (CompletableFuture<Void> stop : stops) {
			try {
				await(stop, bound);
			}
			catch (RuntimeException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Override
	public String toString() {
		return "EmbeddedCassandraCluster" + contactPoints();
	}

}
