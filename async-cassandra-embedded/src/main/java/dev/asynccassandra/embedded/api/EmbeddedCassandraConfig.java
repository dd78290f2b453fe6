package dev.asynccassandra.embedded.api;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of one embedded Cassandra node. Create one with {@link #builder()};
 * every setting has a documented default, so {@code builder().build()} is a usable,
 * {@link NodeKind#DURABLE durable} node on {@code 127.0.0.1:9042}.
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraConfig {

	/**
	 * System property naming a Java home (JDK 17 to 21) used to run the node when
	 * {@link Builder#javaHome(Path)} is not set.
	 */
	public static final String JAVA_HOME_PROPERTY = "async-cassandra.embedded.java-home";

	/** Default listen and RPC address: {@code 127.0.0.1}. */
	public static final String DEFAULT_ADDRESS = "127.0.0.1";

	/** Default CQL native transport port: {@code 9042}. */
	public static final int DEFAULT_NATIVE_PORT = 9042;

	/** Default inter-node storage port: {@code 7000}. */
	public static final int DEFAULT_STORAGE_PORT = 7000;

	/** Default cluster name: {@code embedded}. */
	public static final String DEFAULT_CLUSTER_NAME = "embedded";

	/** Default maximum heap ({@code -Xmx}): {@code 512m}. */
	public static final String DEFAULT_MAX_HEAP = "512m";

	/**
	 * Default initial heap ({@code -Xms}): {@code 64m}. Kept small because Cassandra,
	 * when run as root, locks the committed heap in memory.
	 */
	public static final String DEFAULT_MIN_HEAP = "64m";

	/** Default bound on the time a node may take to answer CQL: 120 seconds. */
	public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);

	/** Default bound on a graceful stop before the node is killed: 20 seconds. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_ .-]{1,64}");

	private static final Pattern YAML_KEY = Pattern.compile("[a-z][a-z0-9_]*");

	private final InetAddress address;

	private final int nativePort;

	private final int storagePort;

	private final String clusterName;

	private final String maxHeap;

	private final String minHeap;

	private final Path dataDirectory;

	private final boolean cleanStart;

	private final @Nullable Path javaHome;

	private final Duration startupTimeout;

	private final Duration shutdownTimeout;

	private final List<String> jvmOptions;

	private final Map<String, String> yamlEntries;

	private final NodeKind kind;

	private final @Nullable String username;

	private final @Nullable String password;

	private final boolean shutdownHook;

	private EmbeddedCassandraConfig(Builder builder) {
		this.address = builder.address;
		this.nativePort = builder.nativePort;
		this.storagePort = builder.storagePort;
		this.clusterName = builder.clusterName;
		this.maxHeap = builder.maxHeap;
		this.minHeap = builder.minHeap;
		this.dataDirectory = builder.dataDirectory.toAbsolutePath().normalize();
		this.cleanStart = builder.cleanStart;
		this.javaHome = builder.javaHome;
		this.startupTimeout = builder.startupTimeout;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.jvmOptions = List.copyOf(builder.jvmOptions);
		this.yamlEntries = Collections.unmodifiableMap(new LinkedHashMap<>(builder.yamlEntries));
		this.kind = builder.kind;
		this.username = builder.username;
		this.password = builder.password;
		this.shutdownHook = builder.shutdownHook;
	}

	/**
	 * Returns a builder holding the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder holding the settings of this configuration.
	 * @return a new builder, independent of this configuration
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Returns the listen and RPC address of the node.
	 * @return the address, {@link #DEFAULT_ADDRESS} by default
	 */
	public InetAddress address() {
		return this.address;
	}

	/**
	 * Returns the CQL port; {@code 0} means a free port is picked at the first start.
	 * @return the port, {@link #DEFAULT_NATIVE_PORT} by default
	 */
	public int nativePort() {
		return this.nativePort;
	}

	/**
	 * Returns the inter-node port; {@code 0} means a free port is picked at the first
	 * start.
	 * @return the port, {@link #DEFAULT_STORAGE_PORT} by default
	 */
	public int storagePort() {
		return this.storagePort;
	}

	/**
	 * Returns the cluster name written to {@code cassandra.yaml}.
	 * @return the name, {@link #DEFAULT_CLUSTER_NAME} by default
	 */
	public String clusterName() {
		return this.clusterName;
	}

	/**
	 * Returns the maximum heap of the node's JVM, in {@code -Xmx} syntax.
	 * @return the size, {@link #DEFAULT_MAX_HEAP} by default
	 */
	public String maxHeap() {
		return this.maxHeap;
	}

	/**
	 * Returns the initial heap of the node's JVM, in {@code -Xms} syntax.
	 * @return the size, {@link #DEFAULT_MIN_HEAP} by default
	 */
	public String minHeap() {
		return this.minHeap;
	}

	/**
	 * Returns the absolute folder holding everything of the node: configuration, data,
	 * commit log, logs and pid file.
	 * @return the folder, {@code target/embedded-cassandra/node} under the working
	 * directory by default
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * Returns whether the data folder is emptied before the first start. Restarts always
	 * keep the data. An {@link NodeKind#EPHEMERAL} node always starts clean.
	 * @return {@code false} by default
	 */
	public boolean cleanStart() {
		return this.cleanStart;
	}

	/**
	 * Returns the Java home used to run the node, if one was set explicitly.
	 * @return the Java home, or {@code null} to look one up (see
	 * {@link Builder#javaHome(Path)})
	 */
	public @Nullable Path javaHome() {
		return this.javaHome;
	}

	/**
	 * Returns the bound on the time between launching the node and its first CQL answer.
	 * @return the bound, {@link #DEFAULT_STARTUP_TIMEOUT} by default
	 */
	public Duration startupTimeout() {
		return this.startupTimeout;
	}

	/**
	 * Returns the bound on a graceful stop; after it the node is killed.
	 * @return the bound, {@link #DEFAULT_SHUTDOWN_TIMEOUT} by default
	 */
	public Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Returns extra options passed to the node's JVM after the built-in ones.
	 * @return an unmodifiable list, empty by default
	 */
	public List<String> jvmOptions() {
		return this.jvmOptions;
	}

	/**
	 * Returns extra {@code cassandra.yaml} entries; they replace built-in entries with
	 * the same key.
	 * @return an unmodifiable map of key to YAML value text, in insertion order, empty by
	 * default
	 */
	public Map<String, String> yamlEntries() {
		return this.yamlEntries;
	}

	/**
	 * Returns what the node promises about its data.
	 * @return the kind, {@link NodeKind#DURABLE} by default
	 */
	public NodeKind kind() {
		return this.kind;
	}

	/**
	 * Returns the user of the node's superuser role, when the node requires
	 * authentication.
	 * @return the user name, or {@code null} (the default) for a node that accepts anyone
	 */
	public @Nullable String username() {
		return this.username;
	}

	/**
	 * Returns the password of {@link #username()}. Never part of {@link #toString()}.
	 * @return the password, or {@code null} when no user is set
	 */
	public @Nullable String password() {
		return this.password;
	}

	/**
	 * Returns whether a JVM shutdown hook stops the node when this JVM exits.
	 * @return {@code true} by default
	 */
	public boolean shutdownHook() {
		return this.shutdownHook;
	}

	@Override
	public String toString() {
		return "EmbeddedCassandraConfig[address=" + this.address.getHostAddress() + ", nativePort=" + this.nativePort
				+ ", storagePort=" + this.storagePort + ", clusterName=" + this.clusterName + ", dataDirectory="
				+ this.dataDirectory + ", kind=" + this.kind + ", username=" + this.username + "]";
	}

	/**
	 * Builds an {@link EmbeddedCassandraConfig}. Each setter checks its argument and
	 * throws {@link IllegalArgumentException} naming the bad value. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private InetAddress address;

		private int nativePort = DEFAULT_NATIVE_PORT;

		private int storagePort = DEFAULT_STORAGE_PORT;

		private String clusterName = DEFAULT_CLUSTER_NAME;

		private String maxHeap = DEFAULT_MAX_HEAP;

		private String minHeap = DEFAULT_MIN_HEAP;

		private Path dataDirectory = Path.of("target", "embedded-cassandra", "node");

		private boolean cleanStart;

		private @Nullable Path javaHome;

		private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private final List<String> jvmOptions = new ArrayList<>();

		private final Map<String, String> yamlEntries = new LinkedHashMap<>();

		private NodeKind kind = NodeKind.DURABLE;

		private @Nullable String username;

		private @Nullable String password;

		private boolean shutdownHook = true;

		private Builder() {
			this.address = ConfigValues.parseAddress(DEFAULT_ADDRESS);
		}

		private Builder(EmbeddedCassandraConfig config) {
			this.address = config.address;
			this.nativePort = config.nativePort;
			this.storagePort = config.storagePort;
			this.clusterName = config.clusterName;
			this.maxHeap = config.maxHeap;
			this.minHeap = config.minHeap;
			this.dataDirectory = config.dataDirectory;
			this.cleanStart = config.cleanStart;
			this.javaHome = config.javaHome;
			this.startupTimeout = config.startupTimeout;
			this.shutdownTimeout = config.shutdownTimeout;
			this.jvmOptions.addAll(config.jvmOptions);
			this.yamlEntries.putAll(config.yamlEntries);
			this.kind = config.kind;
			this.username = config.username;
			this.password = config.password;
			this.shutdownHook = config.shutdownHook;
		}

		/**
		 * Sets what the node promises about its data: {@link NodeKind#DURABLE} (the
		 * default) or {@link NodeKind#EPHEMERAL} (tests).
		 * @param kind the kind
		 * @return this builder
		 */
		public Builder kind(NodeKind kind) {
			this.kind = Objects.requireNonNull(kind, "'kind' must not be null");
			return this;
		}

		/**
		 * Makes the node require authentication ({@code PasswordAuthenticator}) with a
		 * superuser role of this name and password, created at the first start. The
		 * readiness check logs in with it. Cassandra's default {@code cassandra} role is
		 * dropped once this role exists (unless the user is {@code cassandra}). A durable
		 * data folder keeps the role: later starts must use the same credentials.
		 * @param username a non-blank user name
		 * @param password a non-empty password
		 * @return this builder
		 */
		public Builder credentials(String username, String password) {
			Objects.requireNonNull(username, "'username' must not be null");
			Objects.requireNonNull(password, "'password' must not be null");
			if (username.isBlank()) {
				throw new IllegalArgumentException("User name must not be blank");
			}
			if (password.isEmpty()) {
				throw new IllegalArgumentException("Password of user '" + username + "' must not be empty");
			}
			this.username = username;
			this.password = password;
			return this;
		}

		/**
		 * Sets whether a JVM shutdown hook stops (drains) the node when this JVM exits.
		 * Turn it off when an owner stops the node in order, such as an application
		 * context that closes its sessions first. Without the hook, a node whose parent
		 * JVM exits drains and exits by itself.
		 * @param shutdownHook whether to register the hook
		 * @return this builder
		 */
		public Builder shutdownHook(boolean shutdownHook) {
			this.shutdownHook = shutdownHook;
			return this;
		}

		/**
		 * Sets the listen and RPC address, an IP literal such as {@code 127.0.0.2}.
		 * @param address the IP address
		 * @return this builder
		 */
		public Builder address(String address) {
			this.address = ConfigValues.parseAddress(address);
			return this;
		}

		/**
		 * Sets the CQL port: 1 to 65535, or 0 to pick a free port at the first start.
		 * @param port the port
		 * @return this builder
		 */
		public Builder nativePort(int port) {
			this.nativePort = ConfigValues.checkPort("native port", port);
			return this;
		}

		/**
		 * Sets the inter-node port: 1 to 65535, or 0 to pick a free port at the first
		 * start.
		 * @param port the port
		 * @return this builder
		 */
		public Builder storagePort(int port) {
			this.storagePort = ConfigValues.checkPort("storage port", port);
			return this;
		}

		/**
		 * Sets the cluster name: 1 to 64 letters, digits, spaces, dots, dashes or
		 * underscores.
		 * @param clusterName the name
		 * @return this builder
		 */
		public Builder clusterName(String clusterName) {
			Objects.requireNonNull(clusterName, "'clusterName' must not be null");
			if (!CLUSTER_NAME.matcher(clusterName).matches()) {
				throw new IllegalArgumentException("Cluster name '" + clusterName
						+ "' is invalid: use 1 to 64 letters, digits, spaces, '.', '-' or '_'");
			}
			this.clusterName = clusterName;
			return this;
		}

		/**
		 * Sets the maximum heap in {@code -Xmx} syntax, such as {@code 256m} or
		 * {@code 1g}; at least 128 MiB.
		 * @param size the size
		 * @return this builder
		 */
		public Builder maxHeap(String size) {
			this.maxHeap = ConfigValues.checkHeapSize("max heap", size, 128L * 1024 * 1024);
			return this;
		}

		/**
		 * Sets the initial heap in {@code -Xms} syntax, such as {@code 64m}; at least 8
		 * MiB. It must not exceed the maximum heap (checked by {@link #build()}).
		 * @param size the size
		 * @return this builder
		 */
		public Builder minHeap(String size) {
			this.minHeap = ConfigValues.checkHeapSize("min heap", size, 8L * 1024 * 1024);
			return this;
		}

		/**
		 * Sets the folder holding everything of the node; relative paths are resolved
		 * against the working directory.
		 * @param dataDirectory the folder
		 * @return this builder
		 */
		public Builder dataDirectory(Path dataDirectory) {
			this.dataDirectory = Objects.requireNonNull(dataDirectory, "'dataDirectory' must not be null");
			return this;
		}

		/**
		 * Sets whether the data folder is emptied before the first start. Only a folder
		 * that is empty or was created by an embedded node is ever emptied.
		 * @param cleanStart whether to start from empty data
		 * @return this builder
		 */
		public Builder cleanStart(boolean cleanStart) {
			this.cleanStart = cleanStart;
			return this;
		}

		/**
		 * Sets the Java home (a JDK or JRE 17 to 21) used to run the node. When not set,
		 * the first of these that is 17 to 21 is used: the system property
		 * {@value EmbeddedCassandraConfig#JAVA_HOME_PROPERTY}, the running JVM,
		 * {@code JAVA_HOME}, then the usual installation folders.
		 * @param javaHome the Java home, or {@code null} to look one up
		 * @return this builder
		 */
		public Builder javaHome(@Nullable Path javaHome) {
			this.javaHome = javaHome;
			return this;
		}

		/**
		 * Sets the bound on the time between launching the node and its first CQL answer.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder startupTimeout(Duration timeout) {
			this.startupTimeout = ConfigValues.checkPositive("startup timeout", timeout);
			return this;
		}

		/**
		 * Sets the bound on a graceful stop, after which the node is killed.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration timeout) {
			this.shutdownTimeout = ConfigValues.checkPositive("shutdown timeout", timeout);
			return this;
		}

		/**
		 * Adds an option for the node's JVM, such as {@code -Dcassandra.some_flag=true}.
		 * Options are passed after the built-in ones, so they win: the built-in
		 * {@code -XX:TieredStopAtLevel=1} (fast startup) is undone by
		 * {@code -XX:TieredStopAtLevel=4} for long-running, CPU-heavy use.
		 * @param option a non-blank option
		 * @return this builder
		 */
		public Builder jvmOption(String option) {
			Objects.requireNonNull(option, "'option' must not be null");
			if (option.isBlank()) {
				throw new IllegalArgumentException("JVM option must not be blank");
			}
			this.jvmOptions.add(option);
			return this;
		}

		/**
		 * Adds (or replaces) a {@code cassandra.yaml} entry. The value is written as
		 * given, so it must be valid YAML, for example {@code 5}, {@code true} or
		 * {@code '10s'}.
		 * @param key a top-level key such as {@code phi_convict_threshold}
		 * @param value the YAML value text
		 * @return this builder
		 */
		public Builder yamlEntry(String key, String value) {
			Objects.requireNonNull(key, "'key' must not be null");
			Objects.requireNonNull(value, "'value' must not be null");
			if (!YAML_KEY.matcher(key).matches()) {
				throw new IllegalArgumentException(
						"cassandra.yaml key '" + key + "' is invalid: use lower case letters, digits and '_'");
			}
			if (value.isBlank() || value.contains("\n")) {
				throw new IllegalArgumentException(
						"cassandra.yaml value for '" + key + "' must be a non-blank single line: '" + value + "'");
			}
			this.yamlEntries.put(key, value);
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the immutable configuration
		 * @throws IllegalArgumentException if the settings contradict each other
		 */
		public EmbeddedCassandraConfig build() {
			if (ConfigValues.heapBytes(this.minHeap) > ConfigValues.heapBytes(this.maxHeap)) {
				throw new IllegalArgumentException(
						"Min heap '" + this.minHeap + "' must not exceed max heap '" + this.maxHeap + "'");
			}
			if (this.nativePort != 0 && this.nativePort == this.storagePort) {
				throw new IllegalArgumentException(
						"Native port and storage port must differ, both are " + this.nativePort);
			}
			return new EmbeddedCassandraConfig(this);
		}

	}

}
