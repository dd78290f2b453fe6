package dev.asynccassandra.testing;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;

/**
 * A node of a test's own (not the JVM's shared one) and a driver session connected to it,
 * started together and closed together: the session force-closed (bounded), then the node
 * stopped, on every path.
 */
public final class EmbeddedNodeSession implements AutoCloseable {

	private static final long CLOSE_BOUND_SECONDS = 30;

	private final EmbeddedCassandra node;

	private final CqlSession session;

	private EmbeddedNodeSession(EmbeddedCassandra node, CqlSession session) {
		this.node = node;
		this.session = session;
	}

	/**
	 * Starts a node, then connects a driver session to it; the node is stopped again if
	 * the session cannot connect.
	 * @param node the node's configuration
	 * @param driver the driver session's configuration
	 * @return the node and its session
	 */
	public static EmbeddedNodeSession start(EmbeddedCassandraConfig node, DriverConfigLoader driver) {
		EmbeddedCassandra started = EmbeddedCassandra.start(node);
		try {
			CqlSession session = CqlSession.builder()
				.addContactPoint(started.contactPoint())
				.withLocalDatacenter(started.localDatacenter())
				.withConfigLoader(driver)
				.build();
			return new EmbeddedNodeSession(started, session);
		}
		catch (RuntimeException | Error ex) {
			started.close();
			throw ex;
		}
	}

	/**
	 * A data directory under {@code target/embedded-cassandra} for a node of this JVM.
	 * @param name what the node is for
	 * @return the directory, named after the node and the JVM's pid
	 */
	public static Path dataDirectory(String name) {
		return Path.of("target", "embedded-cassandra", name + "-" + ProcessHandle.current().pid());
	}

	/**
	 * Returns the node.
	 * @return the node
	 */
	public EmbeddedCassandra node() {
		return this.node;
	}

	/**
	 * Returns the driver session connected to the node.
	 * @return the session
	 */
	public CqlSession session() {
		return this.session;
	}

	@Override
	public void close() {
		try {
			this.session.forceCloseAsync()
				.toCompletableFuture()
				.orTimeout(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS)
				.join();
		}
		finally {
			this.node.close();
		}
	}

}
