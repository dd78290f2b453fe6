package dev.asynccassandra.embedded.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import dev.asynccassandra.embedded.internal.node.EmbeddedNode;

/**
 * One real Apache Cassandra node running in a child JVM, for tests and local development.
 * <p>
 * {@link #start(EmbeddedCassandraConfig)} returns once the node answers a CQL query. The
 * node runs {@code org.apache.cassandra.service.CassandraDaemon} on its own classpath
 * (never this application's), with a Java 17 to 21 runtime. It never outlives this JVM:
 * it is stopped by {@link #stop()}, by {@link #close()}, by a JVM shutdown hook (unless
 * {@link EmbeddedCassandraConfig#shutdownHook()} is off), and if this JVM dies abruptly
 * it drains and exits by itself. Every stop drains the node first (memtables flushed, as
 * {@code nodetool drain} does). A node left running on the same data folder by a crashed
 * run is stopped before a new one starts there.
 * <p>
 * A stopped node can be started again with {@link #start()}; it keeps its data and ports.
 * The node uses {@code SimpleSnitch}: its data center is {@value #LOCAL_DATACENTER}.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandra implements AutoCloseable {

	/** Data center of every embedded node. */
	public static final String LOCAL_DATACENTER = EmbeddedNode.LOCAL_DATACENTER;

	/**
	 * Start of the line a node writes to its {@link #consoleLogFile() console log} once
	 * it drained when told to stop, or when it saw this JVM gone; the drain's duration in
	 * milliseconds follows.
	 */
	public static final String DRAINED_CONSOLE_LINE = "Cassandra node drained in ms: ";

	private final EmbeddedNode node;

	EmbeddedCassandra(EmbeddedNode node) {
		this.node = node;
	}

	/**
	 * Creates a node without starting it.
	 * @param config the node's settings
	 * @return the stopped node; call {@link #start()}
	 */
	public static EmbeddedCassandra create(EmbeddedCassandraConfig config) {
		Objects.requireNonNull(config, "'config' must not be null");
		return new EmbeddedCassandra(EmbeddedNode.single(config));
	}

	/**
	 * Creates and starts a node, returning once it answers CQL (within the configured
	 * startup timeout).
	 * @param config the node's settings
	 * @return the running node
	 * @throws EmbeddedCassandraException if it cannot start; a node that was launched but
	 * failed is an {@link EmbeddedCassandraStartupException} with its exit code and log
	 * tail
	 */
	public static EmbeddedCassandra start(EmbeddedCassandraConfig config) {
		EmbeddedCassandra cassandra = create(config);
		cassandra.start();
		return cassandra;
	}

	/**
	 * The embedded Cassandra JVMs running on data under a folder, whoever started them:
	 * for checks that no node outlived what started it (a test, an application context, a
	 * build).
	 * @param folder a node's data folder, or a folder above nodes' data folders
	 * @return the live processes; empty when none runs there
	 */
	public static List<ProcessHandle> processesUnder(Path folder) {
		Objects.requireNonNull(folder, "'folder' must not be null");
		return EmbeddedNode.processesUnder(folder);
	}

	/**
	 * Starts this node (again), keeping its data and ports, and returns once it answers
	 * CQL.
	 * @throws IllegalStateException if the node is running
	 * @throws EmbeddedCassandraException if it cannot start
	 */
	public void start() {
		this.node.start();
	}

	/**
	 * Stops the node and returns once its JVM has exited: a drain (memtables flushed) and
	 * exit bounded by the shutdown timeout, then {@code SIGTERM} and {@code SIGKILL},
	 * each bounded by the same timeout. Does nothing if the node is not running.
	 * @throws EmbeddedCassandraException if the JVM survives the kill
	 */
	public void stop() {
		this.node.stop();
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Returns whether the node's JVM is running.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.node.isRunning();
	}

	/**
	 * Returns the node's CQL address, to use as a driver contact point. Its port is the
	 * picked one when the configuration asked for a free port (and 0 before the first
	 * start).
	 * @return the address
	 */
	public InetSocketAddress contactPoint() {
		return this.node.contactPoint();
	}

	/**
	 * Returns the data center to give the driver as its local data center.
	 * @return {@value #LOCAL_DATACENTER}
	 */
	public String localDatacenter() {
		return LOCAL_DATACENTER;
	}

	/**
	 * Returns the pid of the node's JVM.
	 * @return the pid, or empty if the node is not running
	 */
	public OptionalLong pid() {
		return this.node.pid();
	}

	/**
	 * Returns the release version the node reported, such as {@code 5.0.6}.
	 * @return the version
	 * @throws IllegalStateException if the node was never started
	 */
	public String releaseVersion() {
		String version = this.node.releaseVersion();
		if (version == null) {
			throw new IllegalStateException("The node was never started");
		}
		return version;
	}

	/**
	 * Returns the node's configuration, with the picked ports once started.
	 * @return the configuration
	 */
	public EmbeddedCassandraConfig config() {
		return this.node.config();
	}

	/**
	 * Returns the folder holding the node's logs.
	 * @return the {@code logs} folder under the data folder
	 */
	public Path logDirectory() {
		return this.node.logDirectory();
	}

	/**
	 * Returns Cassandra's log file.
	 * @return {@code logs/system.log} under the data folder
	 */
	public Path logFile() {
		return this.node.logFile();
	}

	/**
	 * Returns the file receiving the node JVM's standard output and error.
	 * @return {@code logs/console.log} under the data folder
	 */
	public Path consoleLogFile() {
		return this.node.consoleLogFile();
	}

	@Override
	public String toString() {
		return "EmbeddedCassandra[" + contactPoint() + ", running=" + isRunning() + "]";
	}

}
