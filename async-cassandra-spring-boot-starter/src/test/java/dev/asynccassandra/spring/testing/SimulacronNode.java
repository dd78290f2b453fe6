package dev.asynccassandra.spring.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.simulacron.common.cluster.ClusterSpec;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl.PrimeBuilder;
import com.datastax.oss.simulacron.server.BoundCluster;
import com.datastax.oss.simulacron.server.BoundNode;
import com.datastax.oss.simulacron.server.Inet4Resolver;
import com.datastax.oss.simulacron.server.Server;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * One in-process Simulacron node on a random {@code 127.x.y.1} address (away from real
 * nodes on 127.0.0.x and from other test JVMs), and driver sessions configured for it.
 */
public final class SimulacronNode implements AutoCloseable {

	private static final int PORT = 9042;

	private static final int BIND_ATTEMPTS = 5;

	private static final Duration EVENT_LOOP_WAIT = Duration.ofSeconds(10);

	private final Server server;

	private final EventLoopGroup eventLoops;

	private final BoundCluster cluster;

	private SimulacronNode(Server server, EventLoopGroup eventLoops, BoundCluster cluster) {
		this.server = server;
		this.eventLoops = eventLoops;
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
			// Our own event loops, so that pauseRead() can wait until the pause holds.
			EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("simulacron", true),
					NioIoHandler.newFactory());
			Server server = Server.builder()
				.withAddressResolver(new Inet4Resolver(base, PORT))
				.withEventLoopGroup(eventLoops, NioServerSocketChannel.class)
				.build();
			try {
				return new SimulacronNode(server, eventLoops, server.register(ClusterSpec.builder().withNodes(1)));
			}
			catch (RuntimeException ex) {
				try {
					close(server, eventLoops);
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
	 * Stops reading from every connection and returns once the pause holds: the node
	 * stays connected and UP in the driver's metadata, but answers nothing sent after
	 * this method returns (not even heartbeats) until {@link #resumeRead()}. Simulacron's
	 * own {@code pauseRead()} only asks each connection's event loop to stop reading, so
	 * queries sent right after it could still be answered (seen in CI: 18 of 20); this
	 * method also waits until every event loop has run the tasks queued before it.
	 */
	public void pauseRead() {
		this.cluster.pauseRead();
		for (EventExecutor loop : this.eventLoops) {
			try {
				loop.submit(() -> {
				}).get(EVENT_LOOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while pausing reads", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("Simulacron event loop " + loop + " did not run a task", ex);
			}
		}
	}

	public void resumeRead() {
		this.cluster.resumeRead();
	}

	@Override
	public void close() {
		close(this.server, this.eventLoops);
	}

	private static void close(Server server, EventLoopGroup eventLoops) {
		try {
			server.close();
		}
		finally {
			eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS)
				.awaitUninterruptibly(EVENT_LOOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

}
