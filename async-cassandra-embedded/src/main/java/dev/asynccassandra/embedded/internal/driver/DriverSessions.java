package dev.asynccassandra.embedded.internal.driver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

/**
 * Builds driver sessions for embedded nodes, with settings fit for tests: a short schema
 * debouncer window, bounded timeouts and quick reconnection.
 */
public final class DriverSessions {

	/** Data center of every embedded node (SimpleSnitch). */
	public static final String LOCAL_DATACENTER = "datacenter1";

	/** Request timeout of test sessions. */
	public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private DriverSessions() {
	}

	/**
	 * Returns driver settings for tests against embedded nodes.
	 * @return a config loader builder that callers may extend
	 */
	public static ProgrammaticDriverConfigLoaderBuilder testConfig() {
		return DriverConfigLoader.programmaticBuilder()
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
			.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
			.withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, REQUEST_TIMEOUT)
			.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
			.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
			.withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
			.withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
	}

	/**
	 * Returns a session builder for the given nodes with {@link #testConfig()}.
	 * @param contactPoints the nodes' CQL addresses
	 * @return a builder
	 */
	public static CqlSessionBuilder builder(Collection<InetSocketAddress> contactPoints) {
		return CqlSession.builder()
			.addContactPoints(contactPoints)
			.withLocalDatacenter(LOCAL_DATACENTER)
			.withConfigLoader(testConfig().build());
	}

	/**
	 * Returns a lightweight session builder for probing one node: no schema or token
	 * metadata, short timeouts.
	 * @param contactPoint the node's CQL address
	 * @return a builder
	 */
	public static CqlSessionBuilder probeBuilder(InetSocketAddress contactPoint) {
		DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
			.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
			.withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
			.withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
			.withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
			.build();
		return CqlSession.builder()
			.addContactPoint(contactPoint)
			.withLocalDatacenter(LOCAL_DATACENTER)
			.withConfigLoader(config);
	}

}
