package dev.asynccassandra.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.internal.core.pool.ChannelPool;
import com.datastax.oss.driver.internal.core.session.DefaultSession;
import com.datastax.oss.simulacron.common.cluster.ClusterSpec;
import com.datastax.oss.simulacron.common.cluster.QueryLog;
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
import org.awaitility.Awaitility;

/**
 * An in-process Simulacron cluster on a random loopback address (away from real nodes on
 * 127.0.0.x), and driver sessions configured for it: protocol V4, no schema metadata,
 * short timeouts.
 */
public final class SimulacronCluster implements AutoCloseable {

	private static final int PORT = 9042;

	private static final int BIND_ATTEMPTS = 5;

	private static final Duration EVENT_LOOP_WAIT = Duration.ofSeconds(10);

	private final Server server;

	private final EventLoopGroup eventLoops;

	private final BoundCluster cluster;

	private SimulacronCluster(Server server, EventLoopGroup eventLoops, BoundCluster cluster) {
		this.server = server;
		this.eventLoops = eventLoops;
		this.cluster = cluster;
	}

	/**
	 * Starts a cluster of one data center on a random {@code 127.x.y.1} base address, so
	 * that test JVMs running at the same time do not clash; a base that cannot be bound
	 * is abandoned for another one, a few times.
	 * @param nodes how many nodes
	 * @return the running cluster
	 */
	public static SimulacronCluster start(int nodes) {
		RuntimeException failure = null;
		for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
			// Our own event loops, so that pauseRead() can wait until the pause holds.
			EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("simulacron", true),
					NioIoHandler.newFactory());
			Server server = Server.builder()
				.withAddressResolver(new Inet4Resolver(randomBase(), PORT))
				.withEventLoopGroup(eventLoops, NioServerSocketChannel.class)
				.build();
			try {
				BoundCluster cluster = server.register(ClusterSpec.builder().withNodes(nodes));
				return new SimulacronCluster(server, eventLoops, cluster);
			}
			catch (RuntimeException ex) {
				closeQuietly(server, eventLoops, ex);
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
	 * A base address in 127.8.0.1 to 127.254.255.1: away from 127.0.x.x, where real nodes
	 * run, and with room for the next addresses the resolver hands to later nodes.
	 */
	private static byte[] randomBase() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new byte[] { 127, (byte) random.nextInt(8, 255), (byte) random.nextInt(0, 256), 1 };
	}

	private static void closeQuietly(Server server, EventLoopGroup eventLoops, RuntimeException failure) {
		try {
			close(server, eventLoops);
		}
		catch (Exception ex) {
			failure.addSuppressed(ex);
		}
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

	public BoundCluster cluster() {
		return this.cluster;
	}

	public String localDatacenter() {
		return this.cluster.getDataCenters().iterator().next().getName();
	}

	public List<InetSocketAddress> contactPoints() {
		return this.cluster.getNodes()
			.stream()
			.map(BoundNode::getAddress)
			.map(InetSocketAddress.class::cast)
			.collect(Collectors.toList());
	}

	/**
	 * Driver configuration for this cluster.
	 * @param requestTimeout the profile's {@code basic.request.timeout}
	 * @return the loader
	 */
	public static DriverConfigLoader config(Duration requestTimeout) {
		return DriverConfigLoader.programmaticBuilder()
			.withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
			.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
			.withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 8192)
			// Cancelling or force-closing ~1,000 requests orphans their stream ids; above
			// this threshold the driver replaces the connection, and requests sent while
			// it
			// reconnects fail with "No connection was available". The driver ignores a
			// value
			// that is not below max-requests (and falls back to 1/4 of it).
			.withInt(DefaultDriverOption.CONNECTION_MAX_ORPHAN_REQUESTS, 4096)
			.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
			.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(100))
			.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofMillis(500))
			.build();
	}

	/**
	 * Connects a new driver session.
	 * @param requestTimeout the profile's request timeout
	 * @return the connected session
	 */
	public CqlSession newCqlSession(Duration requestTimeout) {
		return CqlSession.builder()
			.addContactPoints(contactPoints())
			.withLocalDatacenter(localDatacenter())
			.withConfigLoader(config(requestTimeout))
			.build();
	}

	/**
	 * Waits until no connection of a driver session holds a stream id: the responses of
	 * every request, cancelled ones included, have arrived. Tests that cancel many
	 * requests call it between rounds so that orphaned ids never pile up to the driver's
	 * threshold (which would replace the connection under the next round); a stream id
	 * that is never released fails it.
	 * @param session a session built by {@link #newCqlSession(Duration)}
	 * @param bound the longest wait
	 */
	public static void awaitNoStreamIdsHeld(CqlSession session, Duration bound) {
		// The pools are internal API: the public node metrics would need the metrics
		// library configured just for this check.
		DefaultSession driver = (DefaultSession) session;
		Awaitility.await("stream ids held by the driver's connections released")
			.atMost(bound)
			.until(() -> driver.getPools().values().stream().mapToInt(ChannelPool::getInFlight).sum() == 0);
	}

	/**
	 * Stops reading from every client connection and returns once the pause holds: a
	 * request sent after this method returns gets no answer until {@link #resumeRead()}.
	 * Simulacron's own {@code pauseRead()} only asks each connection's event loop to stop
	 * reading, so a request sent right after it can still be read and answered (seen in
	 * CI); this method also waits until every event loop has run the tasks queued before
	 * it.
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

	/**
	 * Reads from every client connection again.
	 */
	public void resumeRead() {
		this.cluster.resumeRead();
	}

	public void prime(PrimeBuilder prime) {
		this.cluster.prime(prime);
	}

	/**
	 * Messages of the given type ({@code QUERY}, {@code PREPARE}, {@code EXECUTE},
	 * {@code BATCH}) received for a query text.
	 * @param type the message type
	 * @param query the query text
	 * @return how many were received
	 */
	public long count(String type, String query) {
		return this.cluster.getLogs()
			.getQueryLogs()
			.stream()
			.filter((log) -> type.equals(log.getType()) && query.equals(log.getQuery()))
			.count();
	}

	public List<QueryLog> queryLogs() {
		return this.cluster.getLogs().getQueryLogs();
	}

	@Override
	public void close() {
		close(this.server, this.eventLoops);
	}

}
