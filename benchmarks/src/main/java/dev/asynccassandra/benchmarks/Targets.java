package dev.asynccassandra.benchmarks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.simulacron.common.cluster.ClusterSpec;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import com.datastax.oss.simulacron.server.BoundCluster;
import com.datastax.oss.simulacron.server.Inet4Resolver;
import com.datastax.oss.simulacron.server.Server;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;

/**
 * One running target and one driver session per target, shared by every contender in this
 * JVM (the suite runs JMH in-process so that contenders interleave in one run). Closed by
 * a shutdown hook or by {@link #closeAll()}.
 */
public final class Targets {

	/** Native port of the embedded node, away from the default one used by tests. */
	static final int EMBEDDED_NATIVE_PORT = 19142;

	private static final Map<Target, Running> RUNNING = new EnumMap<>(Target.class);

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Targets::closeAll, "bench-targets-close"));
	}

	private Targets() {
	}

	/**
	 * The driver session of a target, starting the target on first use.
	 * @param target the target
	 * @return its shared driver session
	 */
	public static synchronized CqlSession session(Target target) {
		return RUNNING.computeIfAbsent(target, Targets::start).session();
	}

	/**
	 * Closes every started target and its session.
	 */
	public static synchronized void closeAll() {
		for (Running running : RUNNING.values()) {
			running.close();
		}
		RUNNING.clear();
	}

	private static Running start(Target target) {
		return switch (target) {
			case SIMULACRON -> startSimulacron();
			case EMBEDDED -> startEmbedded();
		};
	}

	static DriverConfigLoader config(boolean simulacron) {
		var builder = DriverConfigLoader.programmaticBuilder()
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
			.withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 32768)
			.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
			.withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10));
		if (simulacron) {
			builder = builder.withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
				.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
				.withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false);
		}
		return builder.build();
	}

	private static Running startSimulacron() {
		Server server = Server.builder()
			.withAddressResolver(new Inet4Resolver(new byte[] { 127, 0, 9, 101 }, 9042))
			.withActivityLoggingEnabled(false)
			.build();
		BoundCluster cluster = server.register(ClusterSpec.builder().withNodes(1));
		primeSimulacron(cluster);
		List<InetSocketAddress> contactPoints = new ArrayList<>();
		cluster.getNodes().forEach((node) -> contactPoints.add((InetSocketAddress) node.getAddress()));
		CqlSession session = CqlSession.builder()
			.addContactPoints(contactPoints)
			.withLocalDatacenter(cluster.getDataCenters().iterator().next().getName())
			.withConfigLoader(config(true))
			.build();
		return new Running(session, () -> {
			cluster.close();
			server.close();
		});
	}

	private static void primeSimulacron(BoundCluster cluster) {
		LinkedHashMap<String, Object> readParams = new LinkedHashMap<>();
		readParams.put("k", 1);
		readParams.put("c", 1);
		LinkedHashMap<String, String> readTypes = new LinkedHashMap<>();
		readTypes.put("k", "int");
		readTypes.put("c", "int");
		cluster.prime(PrimeDsl.when(PrimeDsl.query(Work.READ.cql(), List.of(), readParams, readTypes))
			.then(PrimeDsl.rows().row("v", "value").columnTypes("v", "varchar")));

		LinkedHashMap<String, Object> writeParams = new LinkedHashMap<>(readParams);
		writeParams.put("v", "value");
		LinkedHashMap<String, String> writeTypes = new LinkedHashMap<>(readTypes);
		writeTypes.put("v", "varchar");
		cluster.prime(PrimeDsl.when(PrimeDsl.query(Work.WRITE.cql(), List.of(), writeParams, writeTypes))
			.then(PrimeDsl.noRows()));

		LinkedHashMap<String, Object> pageParams = new LinkedHashMap<>();
		pageParams.put("k", 1);
		LinkedHashMap<String, String> pageTypes = new LinkedHashMap<>();
		pageTypes.put("k", "int");
		PrimeDsl.RowBuilder rows = PrimeDsl.rows();
		for (int c = 0; c < 10; c++) {
			rows.row("c", c, "v", "value");
		}
		cluster.prime(PrimeDsl.when(PrimeDsl.query(Work.PAGE10.cql(), List.of(), pageParams, pageTypes))
			.then(rows.columnTypes("c", "int", "v", "varchar")));
	}

	private static Running startEmbedded() {
		EmbeddedCassandra node = EmbeddedCassandra.start(EmbeddedCassandraConfig.builder()
			.kind(NodeKind.EPHEMERAL)
			.nativePort(EMBEDDED_NATIVE_PORT)
			.storagePort(17142)
			.clusterName("bench")
			.maxHeap("1g")
			.build());
		CqlSession session = CqlSession.builder()
			.addContactPoint(node.contactPoint())
			.withLocalDatacenter(node.localDatacenter())
			.withConfigLoader(config(false))
			.build();
		session.execute("CREATE KEYSPACE IF NOT EXISTS bench WITH replication = "
				+ "{'class': 'SimpleStrategy', 'replication_factor': 1}");
		session.execute("CREATE TABLE IF NOT EXISTS bench.kv (k int, c int, v text, PRIMARY KEY (k, c))");
		for (int c = 0; c < 10; c++) {
			session.execute("INSERT INTO bench.kv (k, c, v) VALUES (1, " + c + ", 'value')");
		}
		return new Running(session, node::close);
	}

	private record Running(CqlSession session, Runnable closer) {

		void close() {
			try {
				this.session.close();
			}
			finally {
				this.closer.run();
			}
		}

	}

}
