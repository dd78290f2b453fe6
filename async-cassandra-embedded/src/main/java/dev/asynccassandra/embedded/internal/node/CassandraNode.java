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
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.embedded.api.EmbeddedCassandraAuthenticationException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraStartupException;
import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.embedded.internal.classpath.ServerClasspath;
import dev.asynccassandra.embedded.internal.jdk.JavaHomeResolver;
import dev.asynccassandra.embedded.internal.server.BootstrapClasses;
import dev.asynccassandra.embedded.internal.server.ParentWatchingMain;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cassandra node in a child JVM: launch, readiness (logged in, creating the
 * configured role at the first start), drain-and-stop and restart. Thread-safe:
 * {@link #start()} and {@link #stop()} are serialized; the shutdown hook stops without
 * waiting for a start in progress.
 */
final class CassandraNode {

	private static final Logger logger = LoggerFactory.getLogger(CassandraNode.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	/**
	 * Bound on the wait for Cassandra's default superuser (measured: it accepts logins
	 * about 3 s after the node answers CQL).
	 */
	private static final Duration AUTH_SETUP_BOUND = Duration.ofSeconds(30);

	/** Time a just-created role may still be unknown to the node's credentials cache. */
	private static final Duration CACHE_GRACE = Duration.ofSeconds(3);

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
			boolean clean = this.config.cleanStart() || this.config.kind() == NodeKind.EPHEMERAL;
			this.directory.prepare(clean && !this.startedBefore);
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
		if (this.config.shutdownHook()) {
			RunningNodes.add(this);
		}
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
		NodeCredentials credentials = NodeCredentials.of(this.config);
		long deadline = System.nanoTime() + this.config.startupTimeout().toNanos();
		long firstRejection = 0;
		while (started != null) {
			if (!started.isAlive()) {
				cleanUpAfterExit(started);
				throw new EmbeddedCassandraStartupException("Cassandra node on " + contactPoint
						+ " exited during startup with exit code " + started.exitValue(), started.exitValue(),
						LogTail.of(this.directory), null);
			}
			ReadinessProbe.Answer answer = ReadinessProbe.probe(contactPoint, credentials);
			if (answer.isReady()) {
				this.releaseVersion = answer.version();
				logger.info("Cassandra {} node ready on {} (pid {}, {}, folder {}{})", answer.version(), contactPoint,
						started.pid(), this.config.kind().name().toLowerCase(Locale.ROOT), this.directory.root(),
						(credentials != null) ? ", user " + credentials.username() : "");
				return;
			}
			if (answer.isRejected()) {
				firstRejection = (firstRejection != 0) ? firstRejection : System.nanoTime();
				handleRejection(answer, credentials, contactPoint, firstRejection);
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

	/**
	 * Fails at once when a rejection is final; creates the configured role when the
	 * default superuser is accepted; otherwise lets the wait go on (Cassandra creates its
	 * default superuser a few seconds after it answers CQL), within
	 * {@link #AUTH_SETUP_BOUND}.
	 */
	private void handleRejection(ReadinessProbe.Answer answer, @Nullable NodeCredentials credentials,
			InetSocketAddress contactPoint, long firstRejection) {
		if (credentials == null) {
			throw failAuthentication("Cassandra node on " + contactPoint
					+ " requires authentication, but no credentials are configured for it (node's answer: "
					+ answer.rejection() + "). Set credentials(username, password) on the node's configuration"
					+ " (spring.cassandra.username and spring.cassandra.password in dev mode)");
		}
		if (answer.isWrongCredentials() && RoleSetup.done(this.directory)
				&& System.nanoTime() - firstRejection > CACHE_GRACE.toNanos()) {
			throw failAuthentication("Cassandra node on " + contactPoint + " rejected the credentials of user '"
					+ credentials.username() + "' (authentication failed): its data folder " + this.directory.root()
					+ " keeps the roles created by an earlier start with other credentials. Use those credentials,"
					+ " or start once with a clean data folder");
		}
		if (!RoleSetup.done(this.directory)
				&& ReadinessProbe.probe(contactPoint, NodeCredentials.CASSANDRA_DEFAULT).isReady()) {
			RoleSetup.createRole(contactPoint, credentials, this.directory);
			logger.info("Created superuser role '{}' on the Cassandra node on {}", credentials.username(),
					contactPoint);
			return;
		}
		if (System.nanoTime() - firstRejection > AUTH_SETUP_BOUND.toNanos()) {
			throw failAuthentication("Cassandra node on " + contactPoint + " rejected the credentials of user '"
					+ credentials.username() + "' and Cassandra's default superuser for " + AUTH_SETUP_BOUND
					+ " (authentication failed: " + answer.rejection() + ")");
		}
	}

	private EmbeddedCassandraAuthenticationException failAuthentication(String message) {
		stopWithoutLock();
		return new EmbeddedCassandraAuthenticationException(message);
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
	 * Stops the node: asks it to drain (memtables flushed, as {@code nodetool drain}
	 * does) and exit; after the shutdown timeout {@code SIGTERM}, then {@code SIGKILL}
	 * after the same timeout. Returns once the JVM has exited. Does nothing if the node
	 * is not running.
	 */
	public void stop() {
		synchronized (this.lock) {
			stopWithoutLock();
		}
	}

	void signalStop() {
		requestDrain();
	}

	void stopWithoutLock() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		long start = System.nanoTime();
		boolean alive = running.isAlive();
		boolean drained = true;
		if (alive) {
			logger.info("Stopping the Cassandra node on {} (pid {}): draining", contactPoint(), running.pid());
			// A refused request means the pipe is closed: the node then drains by itself,
			// or another stop already asked. Either way, wait for the exit.
			requestDrain();
			drained = ProcessStopper.awaitExit(running.toHandle(), this.config.shutdownTimeout());
		}
		if (!drained) {
			logger.warn("Cassandra node (pid {}) did not drain and exit within {}: sending SIGTERM", running.pid(),
					this.config.shutdownTimeout());
			if (!ProcessStopper.stop(running.toHandle(), this.config.shutdownTimeout())) {
				logger.warn("Cassandra node (pid {}) did not stop within {}: killed", running.pid(),
						this.config.shutdownTimeout());
			}
		}
		if (alive) {
			logger.info("Cassandra node on {} (pid {}) stopped in {} ms, exit code {}", contactPoint(), running.pid(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), exitCodeOf(running));
		}
		cleanUpAfterExit(running);
	}

	/**
	 * The exit code of a process that its handle saw exit. The {@code Process} learns the
	 * code only once its own reaper thread ran, which a busy machine delays: asking at
	 * once threw {@code IllegalThreadStateException} out of the stop (seen beside a CPU
	 * hog), so wait for it within the shutdown timeout.
	 */
	private String exitCodeOf(Process exited) {
		try {
			if (exited.waitFor(this.config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				return String.valueOf(exited.exitValue());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "unknown";
	}

	private void requestDrain() {
		OutputStream pipe = this.parentPipe;
		if (pipe == null) {
			return;
		}
		try {
			synchronized (pipe) {
				pipe.write((ParentWatchingMain.DRAIN_COMMAND + "\n").getBytes(StandardCharsets.UTF_8));
				pipe.flush();
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot ask the node to drain", ex);
		}
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
