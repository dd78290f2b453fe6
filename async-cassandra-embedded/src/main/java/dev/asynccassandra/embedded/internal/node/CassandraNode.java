package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraStartupException;
import dev.asynccassandra.embedded.internal.classpath.ServerClasspath;
import dev.asynccassandra.embedded.internal.jdk.JavaHomeResolver;
import dev.asynccassandra.embedded.internal.server.BootstrapClasses;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cassandra node in a child JVM: launch, readiness, stop and restart. Thread-safe:
 * {@link #start()} and {@link #stop()} are serialized; the shutdown hook stops without
 * waiting for a start in progress.
 */
public final class CassandraNode {

	private static final Logger logger = LoggerFactory.getLogger(CassandraNode.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private final Object lock = new Object();

	private final NodeDirectory directory;

	private final NodeSettingsFactory settingsFactory;

	private volatile EmbeddedCassandraConfig config;

	private boolean startedBefore;

	private volatile @Nullable Process process;

	private volatile @Nullable OutputStream parentPipe;

	private volatile @Nullable String releaseVersion;

	/**
	 * Creates a node; nothing is launched yet.
	 * @param config the node's configuration
	 * @param settingsFactory creates the launch settings once ports are known
	 */
	public CassandraNode(EmbeddedCassandraConfig config, NodeSettingsFactory settingsFactory) {
		this.config = config;
		this.settingsFactory = settingsFactory;
		this.directory = new NodeDirectory(config.dataDirectory());
	}

	/**
	 * Launches the node and waits until it answers CQL. Ports configured as 0 are picked
	 * at the first start and kept for restarts.
	 * @throws IllegalStateException if the node is already running
	 * @throws EmbeddedCassandraException if the node cannot be launched or does not
	 * become ready in time
	 */
	public void start() {
		synchronized (this.lock) {
			if (isRunning()) {
				throw new IllegalStateException("Cassandra node on " + this.directory.root() + " is already running");
			}
			Path javaHome = JavaHomeResolver.forThisMachine()
				.resolve(this.config.javaHome(), EmbeddedCassandraConfig.JAVA_HOME_PROPERTY);
			ServerClasspath classpath = ServerClasspath.resolve(CassandraNode.class.getClassLoader());
			LeftoverNode.stopIfRunning(this.directory, this.config.shutdownTimeout());
			this.directory.prepare(this.config.cleanStart() && !this.startedBefore);
			this.config = withResolvedPorts(this.config);
			NodeSettings settings = this.settingsFactory.create(this.config, this.config.nativePort(),
					this.config.storagePort());
			Ports.checkFree(this.config.address(), settings.nativePort(), "native transport port");
			Ports.checkFree(this.config.address(), settings.storagePort(), "storage port");
			writeConfiguration(settings);
			launch(JvmArguments.command(javaHome, classpath, settings, this.directory));
			this.startedBefore = true;
			awaitReady();
		}
	}

	private static EmbeddedCassandraConfig withResolvedPorts(EmbeddedCassandraConfig config) {
		if (config.nativePort() != 0 && config.storagePort() != 0) {
			return config;
		}
		List<InetAddress> address = List.of(config.address());
		int nativePort = (config.nativePort() != 0) ? config.nativePort() : Ports.freePort(address, 0);
		int storagePort = (config.storagePort() != 0) ? config.storagePort() : Ports.freePort(address, nativePort);
		return config.toBuilder().nativePort(nativePort).storagePort(storagePort).build();
	}

	private void writeConfiguration(NodeSettings settings) {
		try {
			Files.writeString(this.directory.yaml(), CassandraYaml.render(settings, this.directory),
					StandardCharsets.UTF_8);
			Files.writeString(this.directory.logbackConfiguration(), LogbackConfiguration.render(this.directory),
					StandardCharsets.UTF_8);
			BootstrapClasses.extractTo(this.directory.bootstrapClasses());
		}
		catch (IOException | UncheckedIOException ex) {
			throw new EmbeddedCassandraException("Cannot write the node's configuration in " + this.directory.root(),
					ex);
		}
	}

	private void launch(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.root().toFile())
			.redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(this.directory.consoleLog().toFile()))
			.redirectInput(Redirect.PIPE);
		logger.debug("Launching Cassandra: {}", command);
		Process started;
		try {
			started = builder.start();
		}
		catch (IOException ex) {
			throw new EmbeddedCassandraException("Cannot launch " + command.get(0) + ": " + ex.getMessage(), ex);
		}
		this.process = started;
		this.parentPipe = started.getOutputStream();
		RunningNodes.add(this);
		try {
			LeftoverNode.writePid(this.directory, started.pid());
		}
		catch (RuntimeException ex) {
			stopWithoutLock();
			throw ex;
		}
	}

	private void awaitReady() {
		Process started = this.process;
		InetSocketAddress contactPoint = contactPoint();
		long deadline = System.nanoTime() + this.config.startupTimeout().toNanos();
		while (started != null) {
			if (!started.isAlive()) {
				cleanUpAfterExit(started);
				throw new EmbeddedCassandraStartupException("Cassandra node on " + contactPoint
						+ " exited during startup with exit code " + started.exitValue(), started.exitValue(),
						LogTail.of(this.directory), null);
			}
			Optional<String> version = ReadinessProbe.releaseVersion(contactPoint);
			if (version.isPresent()) {
				this.releaseVersion = version.get();
				logger.info("Cassandra {} node ready on {} (pid {}, folder {})", version.get(), contactPoint,
						started.pid(), this.directory.root());
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				stopWithoutLock();
				throw new EmbeddedCassandraStartupException(
						"Cassandra node on " + contactPoint + " did not answer CQL within "
								+ this.config.startupTimeout() + "; it was stopped",
						null, LogTail.of(this.directory), null);
			}
			waitForExit(started, POLL_INTERVAL);
		}
	}

	private static void waitForExit(Process process, Duration bound) {
		try {
			process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedCassandraException("Interrupted while waiting for Cassandra to start", ex);
		}
	}

	/**
	 * Stops the node: {@code SIGTERM}, then {@code SIGKILL} after the shutdown timeout.
	 * Returns once the JVM has exited. Does nothing if the node is not running.
	 */
	public void stop() {
		synchronized (this.lock) {
			stopWithoutLock();
		}
	}

	void signalStop() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
		}
	}

	void stopWithoutLock() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		boolean graceful = ProcessStopper.stop(running.toHandle(), this.config.shutdownTimeout());
		if (!graceful) {
			logger.warn("Cassandra node (pid {}) did not stop within {}: killed", running.pid(),
					this.config.shutdownTimeout());
		}
		cleanUpAfterExit(running);
	}

	private void cleanUpAfterExit(Process exited) {
		OutputStream pipe = this.parentPipe;
		this.parentPipe = null;
		if (pipe != null) {
			try {
				pipe.close();
			}
			catch (IOException ex) {
				logger.debug("Cannot close the node's input pipe", ex);
			}
		}
		this.process = null;
		RunningNodes.remove(this);
		LeftoverNode.deletePid(this.directory, exited.pid());
	}

	/**
	 * Returns whether the node's JVM is running.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/**
	 * Returns the pid of the node's JVM.
	 * @return the pid, or empty if the node is not running
	 */
	public OptionalLong pid() {
		Process running = this.process;
		return (running != null && running.isAlive()) ? OptionalLong.of(running.pid()) : OptionalLong.empty();
	}

	/**
	 * Returns the CQL address; its port is 0 until the first start if a free port is to
	 * be picked.
	 * @return the address
	 */
	public InetSocketAddress contactPoint() {
		return new InetSocketAddress(this.config.address(), this.config.nativePort());
	}

	/**
	 * Returns the node's configuration, with resolved ports after the first start.
	 * @return the configuration
	 */
	public EmbeddedCassandraConfig config() {
		return this.config;
	}

	/**
	 * Returns the node's folder layout.
	 * @return the layout
	 */
	public NodeDirectory directory() {
		return this.directory;
	}

	/**
	 * Returns the release version reported by the node.
	 * @return the version, or {@code null} before the first successful start
	 */
	public @Nullable String releaseVersion() {
		return this.releaseVersion;
	}

}
