package dev.asynccassandra.spring.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.simulacron.common.cluster.ClusterSpec;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl.PrimeBuilder;
import com.datastax.oss.simulacron.server.BoundCluster;
import com.datastax.oss.simulacron.server.BoundNode;
import com.datastax.oss.simulacron.server.Inet4Resolver;
import com.datastax.oss.simulacron.server.Server;

/**
 * One in-process Simulacron node on a random {@code 127.x.y.1} address (away from real
 * nodes on 127.0.0.x and from other test JVMs), and driver sessions configured for it.
 */
public final class SimulacronNode implements AutoCloseable {

	private static final int PORT = 9042;

	private static final int BIND_ATTEMPTS = 5;

	private final Server server;

	private final BoundCluster cluster;

	private SimulacronNode(Server server, BoundCluster cluster) {
		this.server = server;
		this.cluster = cluster;
	}

	/**
	 * Starts a node; an address that cannot be bound is abandoned for another, a few
	 * times.
	 * @return the running node
	 */
	public static SimulacronNode start() {
		RuntimeException failure = null;
		for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			byte[] base = { 127, (byte) random.nextInt(8, 255), (byte) random.nextInt(0, 256), 1 };
			Server server = Server.builder().withAddressResolver(new Inet4Resolver(base, PORT)).build();
			try {
				return new SimulacronNode(server, server.register(ClusterSpec.builder().withNodes(1)));
			}
			catch (RuntimeException ex) {
				try {
					server.close();
				}
				catch (Exception closeFailure) {
					ex.addSuppressed(closeFailure);
				}
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		throw failure;
	}

	/**
	 * Connects a driver session: protocol V4, no schema or token metadata.
	 * @param requestTimeout the driver's request timeout
	 * @return the connected session
	 */
	public CqlSession newCqlSession(Duration requestTimeout) {
		BoundNode node = this.cluster.getNodes().iterator().next();
		return CqlSession.builder()
			.addContactPoint((InetSocketAddress) node.getAddress())
			.withLocalDatacenter(localDatacenter())
			.withConfigLoader(DriverConfigLoader.programmaticBuilder()
				.withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
				.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
				.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
				.withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
				.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
				.withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
				.build())
			.build();
	}

	public String localDatacenter() {
		return this.cluster.getDataCenters().iterator().next().getName();
	}

	public void prime(PrimeBuilder prime) {
		this.cluster.prime(prime);
	}

	/**
	 * Stops reading from every connection: the node stays connected and UP in the
	 * driver's metadata, but answers nothing (not even heartbeats) until
	 * {@link #resumeRead()}.
	 */
	public void pauseRead() {
		this.cluster.pauseRead();
	}

	public void resumeRead() {
		this.cluster.resumeRead();
	}

	@Override
	public void close() {
		this.server.close();
	}

}
