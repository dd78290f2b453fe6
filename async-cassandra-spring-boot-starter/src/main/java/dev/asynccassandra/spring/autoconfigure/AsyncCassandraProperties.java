package dev.asynccassandra.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of async-cassandra, under {@value #PREFIX}. Connection settings are Spring
 * Boot's own ({@code spring.cassandra.*}). The class validates itself: Spring Boot
 * applies it as a {@link Validator} when it binds the properties, so a bad value fails
 * startup with Boot's binding report (property, value, origin and rule), whether or not a
 * Bean Validation provider is on the classpath.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(AsyncCassandraProperties.PREFIX)
public class AsyncCassandraProperties implements Validator {

	/**
	 * Prefix of async-cassandra's properties.
	 */
	public static final String PREFIX = "async-cassandra";

	private final Request request = new Request();

	private final Executor executor = new Executor();

	private final Stream stream = new Stream();

	private final Metrics metrics = new Metrics();

	private final Observations observations = new Observations();

	private final Shutdown shutdown = new Shutdown();

	private final Startup startup = new Startup();

	private final Embedded embedded = new Embedded();

	/**
	 * Settings under {@code async-cassandra.request}.
	 * @return the settings
	 */
	public Request getRequest() {
		return this.request;
	}

	/**
	 * Settings under {@code async-cassandra.executor}.
	 * @return the settings
	 */
	public Executor getExecutor() {
		return this.executor;
	}

	/**
	 * Settings under {@code async-cassandra.stream}.
	 * @return the settings
	 */
	public Stream getStream() {
		return this.stream;
	}

	/**
	 * Settings under {@code async-cassandra.metrics}.
	 * @return the settings
	 */
	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Settings under {@code async-cassandra.observations}.
	 * @return the settings
	 */
	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * Settings under {@code async-cassandra.shutdown}.
	 * @return the settings
	 */
	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * Settings under {@code async-cassandra.startup}.
	 * @return the settings
	 */
	public Startup getStartup() {
		return this.startup;
	}

	/**
	 * Settings under {@code async-cassandra.embedded}.
	 * @return the settings
	 */
	public Embedded getEmbedded() {
		return this.embedded;
	}

	@Override
	public boolean supports(Class<?> type) {
		return AsyncCassandraProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.validate((AsyncCassandraProperties) target, errors);
	}

	/**
	 * Request settings.
	 */
	public static final class Request {

		/**
		 * Timeout of requests that neither the call nor the statement bound. When not
		 * set, the driver profile's request timeout applies.
		 */
		private @Nullable Duration timeout;

		/**
		 * Maximum number of requests the session runs at the driver at once (stream pages
		 * included); beyond it requests wait in the admission queue. When not set, sized
		 * from the driver's pool: local pool size x max requests per connection x local
		 * nodes.
		 */
		private @Nullable Integer maxInFlight;

		/**
		 * Maximum number of requests waiting for an in-flight slot; a request beyond it
		 * fails at once with SessionBusyException. 0 disables the queue.
		 */
		private int maxQueued = AsyncSessionBuilder.DEFAULT_MAX_QUEUED_REQUESTS;

		/**
		 * Timeout of requests that neither the call nor the statement bound.
		 * @return the value of {@code async-cassandra.request.timeout}, or {@code null}
		 * when not set
		 */
		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Sets {@code async-cassandra.request.timeout}.
		 * @param timeout the new value, or {@code null} to unset it
		 */
		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Returns {@code async-cassandra.request.max-in-flight}.
		 * @return the value, or {@code null} when not set
		 */
		public @Nullable Integer getMaxInFlight() {
			return this.maxInFlight;
		}

		/**
		 * Sets {@code async-cassandra.request.max-in-flight}.
		 * @param maxInFlight the new value, or {@code null} to unset it
		 */
		public void setMaxInFlight(@Nullable Integer maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		/**
		 * Returns {@code async-cassandra.request.max-queued}.
		 * @return the value
		 */
		public int getMaxQueued() {
			return this.maxQueued;
		}

		/**
		 * Sets {@code async-cassandra.request.max-queued}.
		 * @param maxQueued the new value
		 */
		public void setMaxQueued(int maxQueued) {
			this.maxQueued = maxQueued;
		}

	}

	/**
	 * Settings of the executor that completes the session's futures.
	 */
	public static final class Executor {

		/**
		 * Number of threads completing futures. When not set, the session uses its own
		 * pool sized after the available processors.
		 */
		private @Nullable Integer threads;

		/**
		 * Whether the caller's context (the current observation, and MDC or a security
		 * context when their accessors are registered) is restored around completions and
		 * stream signals. Takes effect when io.micrometer:context-propagation is on the
		 * class path.
		 */
		private boolean propagateContext = AsyncSessionBuilder.DEFAULT_PROPAGATE_CONTEXT;

		/**
		 * Number of threads completing futures.
		 * @return the value of {@code async-cassandra.executor.threads}, or {@code null}
		 * when not set
		 */
		public @Nullable Integer getThreads() {
			return this.threads;
		}

		/**
		 * Sets {@code async-cassandra.executor.threads}.
		 * @param threads the new value, or {@code null} to unset it
		 */
		public void setThreads(@Nullable Integer threads) {
			this.threads = threads;
		}

		/**
		 * Whether the caller's context is restored around completions and stream signals.
		 * @return the value of {@code async-cassandra.executor.propagate-context}
		 */
		public boolean isPropagateContext() {
			return this.propagateContext;
		}

		/**
		 * Sets {@code async-cassandra.executor.propagate-context}.
		 * @param propagateContext the new value
		 */
		public void setPropagateContext(boolean propagateContext) {
			this.propagateContext = propagateContext;
		}

	}

	/**
	 * Defaults of the row streams opened without stream options of their own. Options
	 * passed to a call replace them entirely.
	 */
	public static final class Stream {

		/**
		 * Rows per page requested from Cassandra. 0 keeps the page size of the statement
		 * or the driver profile (basic.request.page-size). Must not be negative.
		 */
		private int pageSize = StreamOptions.DEFAULT_PAGE_SIZE;

		/**
		 * Most pages a stream holds at once: one being delivered and the rest being
		 * fetched ahead. At least 1.
		 */
		private int prefetchPages = StreamOptions.DEFAULT_PREFETCH_PAGES;

		/**
		 * Bound on the request of each page. When not set, the request timeout applies
		 * (the statement's, else async-cassandra.request.timeout, else the driver's).
		 */
		private @Nullable Duration pageTimeout;

		/**
		 * Rows per page requested from Cassandra.
		 * @return the value of {@code async-cassandra.stream.page-size}
		 */
		public int getPageSize() {
			return this.pageSize;
		}

		/**
		 * Sets {@code async-cassandra.stream.page-size}.
		 * @param pageSize the new value
		 */
		public void setPageSize(int pageSize) {
			this.pageSize = pageSize;
		}

		/**
		 * Most pages a stream holds at once: one being delivered and the rest being
		 * fetched ahead.
		 * @return the value of {@code async-cassandra.stream.prefetch-pages}
		 */
		public int getPrefetchPages() {
			return this.prefetchPages;
		}

		/**
		 * Sets {@code async-cassandra.stream.prefetch-pages}.
		 * @param prefetchPages the new value
		 */
		public void setPrefetchPages(int prefetchPages) {
			this.prefetchPages = prefetchPages;
		}

		/**
		 * Bound on the request of each page.
		 * @return the value of {@code async-cassandra.stream.page-timeout}, or
		 * {@code null} when not set
		 */
		public @Nullable Duration getPageTimeout() {
			return this.pageTimeout;
		}

		/**
		 * Sets {@code async-cassandra.stream.page-timeout}.
		 * @param pageTimeout the new value, or {@code null} to unset it
		 */
		public void setPageTimeout(@Nullable Duration pageTimeout) {
			this.pageTimeout = pageTimeout;
		}

	}

	/**
	 * Metrics settings.
	 */
	public static final class Metrics {

		/**
		 * Whether to record request metrics in the application's meter registry.
		 */
		private boolean enabled = true;

		/**
		 * Whether to tag request timers with the logical statement name given by the
		 * caller.
		 */
		private boolean statementTag;

		/**
		 * Maximum number of distinct statement names used as tag values; further names
		 * are tagged "other".
		 */
		private int maxStatementNames = 100;

		private final DriverMetrics driverMetrics = new DriverMetrics();

		/**
		 * Whether to record request metrics in the application's meter registry.
		 * @return the value of {@code async-cassandra.metrics.enabled}
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code async-cassandra.metrics.enabled}.
		 * @param enabled the new value
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Whether to tag request timers with the logical statement name given by the
		 * caller.
		 * @return the value of {@code async-cassandra.metrics.statement-tag}
		 */
		public boolean isStatementTag() {
			return this.statementTag;
		}

		/**
		 * Sets {@code async-cassandra.metrics.statement-tag}.
		 * @param statementTag the new value
		 */
		public void setStatementTag(boolean statementTag) {
			this.statementTag = statementTag;
		}

		/**
		 * Maximum number of distinct statement names used as tag values; further names
		 * are tagged "other".
		 * @return the value of {@code async-cassandra.metrics.max-statement-names}
		 */
		public int getMaxStatementNames() {
			return this.maxStatementNames;
		}

		/**
		 * Sets {@code async-cassandra.metrics.max-statement-names}.
		 * @param maxStatementNames the new value
		 */
		public void setMaxStatementNames(int maxStatementNames) {
			this.maxStatementNames = maxStatementNames;
		}

		/**
		 * Settings under {@code async-cassandra.metrics.driver-metrics}.
		 * @return the settings
		 */
		public DriverMetrics getDriverMetrics() {
			return this.driverMetrics;
		}

		/**
		 * Settings of the driver's own session and node metrics.
		 */
		public static final class DriverMetrics {

			/**
			 * Whether to publish the driver's session and node metrics (connected nodes,
			 * requests, timeouts, bytes, pool connections and in-flight requests per
			 * node) to the application's meter registry. Requires
			 * java-driver-metrics-micrometer on the classpath.
			 */
			private boolean enabled;

			/**
			 * Whether to publish the driver's session and node metrics (connected nodes,
			 * requests, timeouts, bytes, pool connections and in-flight requests per
			 * node) to the application's meter registry.
			 * @return the value of {@code async-cassandra.metrics.driver-metrics.enabled}
			 */
			public boolean isEnabled() {
				return this.enabled;
			}

			/**
			 * Sets {@code async-cassandra.metrics.driver-metrics.enabled}.
			 * @param enabled the new value
			 */
			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Observations of requests, made when the context has an {@code ObservationRegistry}.
	 */
	public static final class Observations {

		/**
		 * Whether every request of the auto-configured sessions is observed when the
		 * context has an ObservationRegistry.
		 */
		private boolean enabled = true;

		/**
		 * Whether spans carry the CQL text (db.query.text), with its bind markers. Bound
		 * values are never part of it, but literals written into the CQL are.
		 */
		private boolean queryText;

		/**
		 * Whether requests are observed.
		 * @return the value of {@code async-cassandra.observations.enabled}
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code async-cassandra.observations.enabled}.
		 * @param enabled the new value
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Whether spans carry the CQL text.
		 * @return the value of {@code async-cassandra.observations.query-text}
		 */
		public boolean isQueryText() {
			return this.queryText;
		}

		/**
		 * Sets {@code async-cassandra.observations.query-text}.
		 * @param queryText the new value
		 */
		public void setQueryText(boolean queryText) {
			this.queryText = queryText;
		}

	}

	/**
	 * Graceful shutdown settings.
	 */
	public static final class Shutdown {

		/**
		 * Time to wait for in-flight requests when the application stops, before
		 * cancelling them. Keep it below spring.lifecycle.timeout-per-shutdown-phase.
		 */
		private Duration timeout = Duration.ofSeconds(20);

		/**
		 * Time to wait for in-flight requests when the application stops, before
		 * cancelling them.
		 * @return the value of {@code async-cassandra.shutdown.timeout}
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Sets {@code async-cassandra.shutdown.timeout}.
		 * @param timeout the new value
		 */
		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Startup settings.
	 */
	public static final class Startup {

		/**
		 * Whether to connect to Cassandra while the application starts and fail the
		 * startup when it cannot. When false, the application starts anyway, health
		 * reports DOWN, requests fail with SessionNotConnectedException, and the session
		 * keeps connecting in the background.
		 */
		private boolean failFast;

		/**
		 * Delay before the second connection attempt when the first one failed; it
		 * doubles after each failed attempt.
		 */
		private Duration retryDelay = Duration.ofSeconds(1);

		/**
		 * Bound on the delay between connection attempts.
		 */
		private Duration maxRetryDelay = Duration.ofSeconds(30);

		/**
		 * Returns {@code async-cassandra.startup.fail-fast}.
		 * @return the value
		 */
		public boolean isFailFast() {
			return this.failFast;
		}

		/**
		 * Sets {@code async-cassandra.startup.fail-fast}.
		 * @param failFast the new value
		 */
		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

		/**
		 * Returns {@code async-cassandra.startup.retry-delay}.
		 * @return the value
		 */
		public Duration getRetryDelay() {
			return this.retryDelay;
		}

		/**
		 * Sets {@code async-cassandra.startup.retry-delay}.
		 * @param retryDelay the new value
		 */
		public void setRetryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

		/**
		 * Returns {@code async-cassandra.startup.max-retry-delay}.
		 * @return the value
		 */
		public Duration getMaxRetryDelay() {
			return this.maxRetryDelay;
		}

		/**
		 * Sets {@code async-cassandra.startup.max-retry-delay}.
		 * @param maxRetryDelay the new value
		 */
		public void setMaxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = maxRetryDelay;
		}

	}

	/**
	 * Settings of the embedded Cassandra node for local development.
	 */
	public static final class Embedded {

		/**
		 * Whether to start a real Cassandra node in a child JVM and connect to it.
		 * Requires async-cassandra-embedded on the classpath.
		 */
		private boolean enabled;

		// The defaults of the embedded module's builder: compile-time constants, inlined,
		// so this class loads without the optional module; the defaults of durations and
		// of the kind are literals, which ConfigurationMetadataDefaultsTests compares
		// with the builder's.

		/**
		 * Port of the node's native transport (CQL); 0 picks a free port.
		 */
		private int nativePort = EmbeddedCassandraConfig.DEFAULT_NATIVE_PORT;

		/**
		 * Port of the node's inter-node storage traffic; 0 picks a free port.
		 */
		private int storagePort = EmbeddedCassandraConfig.DEFAULT_STORAGE_PORT;

		/**
		 * Folder holding the node's configuration, data and logs, relative to the working
		 * directory unless absolute.
		 */
		private @Nullable Path dataDirectory;

		/**
		 * Whether to empty the data folder before the node starts (an ephemeral node
		 * always does).
		 */
		private boolean cleanStart;

		/**
		 * Bound on the time between launching the node and its first CQL answer.
		 */
		private Duration startupTimeout = Duration.ofSeconds(120);

		/**
		 * What the node promises about its data: durable keeps every acknowledged write
		 * and the schema across stops and crashes; ephemeral empties the data folder at
		 * start and runs Cassandra's unsafe test speed-ups.
		 */
		private NodeKind kind = NodeKind.DURABLE;

		/**
		 * Bound on the node's drain and exit when the application stops, before it is
		 * sent SIGTERM (and, after the same bound, SIGKILL).
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(20);

		/**
		 * Java home (17 to 21) running the node. When not set, the running JVM if it is
		 * 17 to 21, else JAVA_HOME, else the usual installation folders.
		 */
		private @Nullable Path javaHome;

		/**
		 * Whether to start a real Cassandra node in a child JVM and connect to it.
		 * @return the value of {@code async-cassandra.embedded.enabled}
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code async-cassandra.embedded.enabled}.
		 * @param enabled the new value
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Port of the node's native transport (CQL); 0 picks a free port.
		 * @return the value of {@code async-cassandra.embedded.native-port}
		 */
		public int getNativePort() {
			return this.nativePort;
		}

		/**
		 * Sets {@code async-cassandra.embedded.native-port}.
		 * @param nativePort the new value
		 */
		public void setNativePort(int nativePort) {
			this.nativePort = nativePort;
		}

		/**
		 * Port of the node's inter-node storage traffic; 0 picks a free port.
		 * @return the value of {@code async-cassandra.embedded.storage-port}
		 */
		public int getStoragePort() {
			return this.storagePort;
		}

		/**
		 * Sets {@code async-cassandra.embedded.storage-port}.
		 * @param storagePort the new value
		 */
		public void setStoragePort(int storagePort) {
			this.storagePort = storagePort;
		}

		/**
		 * Folder holding the node's configuration, data and logs, relative to the working
		 * directory unless absolute.
		 * @return the value of {@code async-cassandra.embedded.data-directory}, or
		 * {@code null} when not set
		 */
		public @Nullable Path getDataDirectory() {
			return this.dataDirectory;
		}

		/**
		 * Sets {@code async-cassandra.embedded.data-directory}.
		 * @param dataDirectory the new value, or {@code null} to unset it
		 */
		public void setDataDirectory(@Nullable Path dataDirectory) {
			this.dataDirectory = dataDirectory;
		}

		/**
		 * Whether to empty the data folder before the node starts.
		 * @return the value of {@code async-cassandra.embedded.clean-start}
		 */
		public boolean isCleanStart() {
			return this.cleanStart;
		}

		/**
		 * Sets {@code async-cassandra.embedded.clean-start}.
		 * @param cleanStart the new value
		 */
		public void setCleanStart(boolean cleanStart) {
			this.cleanStart = cleanStart;
		}

		/**
		 * Bound on the time between launching the node and its first CQL answer.
		 * @return the value of {@code async-cassandra.embedded.startup-timeout}
		 */
		public Duration getStartupTimeout() {
			return this.startupTimeout;
		}

		/**
		 * Sets {@code async-cassandra.embedded.startup-timeout}.
		 * @param startupTimeout the new value
		 */
		public void setStartupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
		}

		/**
		 * Returns {@code async-cassandra.embedded.kind}.
		 * @return the value
		 */
		public NodeKind getKind() {
			return this.kind;
		}

		/**
		 * Sets {@code async-cassandra.embedded.kind}.
		 * @param kind the new value
		 */
		public void setKind(NodeKind kind) {
			this.kind = kind;
		}

		/**
		 * Returns {@code async-cassandra.embedded.shutdown-timeout}.
		 * @return the value
		 */
		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		/**
		 * Sets {@code async-cassandra.embedded.shutdown-timeout}.
		 * @param shutdownTimeout the new value
		 */
		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		/**
		 * Returns {@code async-cassandra.embedded.java-home}.
		 * @return the value, or {@code null} when not set
		 */
		public @Nullable Path getJavaHome() {
			return this.javaHome;
		}

		/**
		 * Sets {@code async-cassandra.embedded.java-home}.
		 * @param javaHome the new value, or {@code null} to unset it
		 */
		public void setJavaHome(@Nullable Path javaHome) {
			this.javaHome = javaHome;
		}

		/**
		 * What the embedded node promises about its data.
		 */
		public enum NodeKind {

			/**
			 * Keeps the data folder, flushes schema changes, syncs the commit log before
			 * acknowledging a write.
			 */
			DURABLE,

			/**
			 * Empties the data folder at start and runs Cassandra's unsafe test
			 * speed-ups.
			 */
			EPHEMERAL

		}

	}

}
