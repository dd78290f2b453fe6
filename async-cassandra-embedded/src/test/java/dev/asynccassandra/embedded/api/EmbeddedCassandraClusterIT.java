package dev.asynccassandra.embedded.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedCassandraClusterIT {

	@Test
	void threeNodeClusterSurvivesAndRecoversFromOneStoppedNode() {
		EmbeddedCassandraConfig template = EmbeddedCassandraCluster.nodeTemplate()
			.nativePort(0)
			.storagePort(0)
			.cleanStart(true)
			.dataDirectory(Path.of("target", "embedded-cassandra", "it", "cluster"))
			.build();
		long startNanos = System.nanoTime();
		try (EmbeddedCassandraCluster cluster = EmbeddedCassandraCluster.start(3, template)) {
			System.out.println("[timing] 3-node cluster start: "
					+ Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms");
			assertThat(cluster.contactPoints()).extracting((address) -> address.getAddress().getHostAddress())
				.containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
			for (InetSocketAddress contactPoint : cluster.contactPoints()) {
				try (CqlSession session = session(cluster, List.of(contactPoint))) {
					assertThat(session.getMetadata().getNodes().values())
						.as("the nodes seen by a session with only %s as contact point", contactPoint)
						.hasSize(3);
				}
			}
			try (CqlSession session = session(cluster, cluster.contactPoints())) {
				assertThat(session.getMetadata().getNodes().values()).hasSize(3)
					.allSatisfy((node) -> assertThat(node.getState()).isEqualTo(NodeState.UP));
				session.execute("CREATE KEYSPACE cluster_it WITH replication = "
						+ "{'class': 'SimpleStrategy', 'replication_factor': 3}");
				awaitSchemaAgreement(session);
				// On a loaded machine the coordinator of the next statement may not have
				// applied the keyspace yet even after agreement was reported.
				await().atMost(Duration.ofSeconds(60))
					.ignoreExceptionsInstanceOf(InvalidQueryException.class)
					.until(() -> session
						.execute("CREATE TABLE IF NOT EXISTS cluster_it.events (id int PRIMARY KEY, payload text)")
						.wasApplied());
				awaitSchemaAgreement(session);
				// A node may still lack the new table for a moment after schema
				// agreement.
				PreparedStatement insert = await().atMost(Duration.ofSeconds(30))
					.ignoreExceptionsInstanceOf(InvalidQueryException.class)
					.until(() -> session.prepare("INSERT INTO cluster_it.events (id, payload) VALUES (?, ?)"),
							Objects::nonNull);

				cluster.stopNode(2);
				InetSocketAddress second = cluster.node(2).contactPoint();
				await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(session, second), NodeState.DOWN::equals);
				for (int id = 0; id < 50; id++) {
					session.execute(insert.bind(id, "while node 2 is down").setConsistencyLevel(ConsistencyLevel.ONE));
				}
				SimpleStatement count = SimpleStatement.newInstance("SELECT count(*) FROM cluster_it.events")
					.setConsistencyLevel(ConsistencyLevel.QUORUM);
				assertThat(session.execute(count).one().getLong(0)).isEqualTo(50);

				cluster.startNode(2);
				assertThat(cluster.node(2).isRunning()).isTrue();
				await().atMost(Duration.ofSeconds(60)).until(() -> stateOf(session, second), NodeState.UP::equals);
			}
		}
	}

	private static CqlSession session(EmbeddedCassandraCluster cluster, Collection<InetSocketAddress> contactPoints) {
		return CqlSession.builder()
			.addContactPoints(contactPoints)
			.withLocalDatacenter(cluster.localDatacenter())
			.withConfigLoader(DriverConfigLoader.programmaticBuilder()
				.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
				.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
				.withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(60))
				.withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
				.withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
				.build())
			.build();
	}

	private static void awaitSchemaAgreement(CqlSession session) {
		await().atMost(Duration.ofSeconds(60)).until(session::checkSchemaAgreement);
	}

	private static NodeState stateOf(CqlSession session, InetSocketAddress address) {
		Optional<Node> node = session.getMetadata()
			.getNodes()
			.values()
			.stream()
			.filter((candidate) -> address.equals(candidate.getEndPoint().resolve()))
			.findFirst();
		return node.map(Node::getState).orElse(NodeState.UNKNOWN);
	}

}
