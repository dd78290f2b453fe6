package dev.asynccassandra.embedded.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.embedded.internal.driver.DriverSessions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each kind of node keeps: a durable node keeps every acknowledged write and its
 * schema through a {@code kill -9} of the node (commit log replay) and through a stop
 * (which drains it); the ephemeral node's speed-ups are what lose the schema on a
 * {@code kill -9}.
 */
class EmbeddedCassandraDurabilityIT {

	private static final Duration BOUND = Duration.ofSeconds(60);

	private static final int ROWS = 2000;

	@Test
	void durableNodeKeepsAcknowledgedWritesAndSchemaThroughKill9() throws Exception {
		try (EmbeddedCassandra node = EmbeddedCassandra.start(durableNode("durable-kill"))) {
			Written written = Written.into(node);
			ProcessHandle process = ProcessHandle.of(node.pid().orElseThrow()).orElseThrow();
			process.destroyForcibly();
			assertThat(process.onExit()).succeedsWithin(BOUND);
			node.start();
			written.assertStillIn(node, "after commit log replay");
		}
	}

	@Test
	void stopDrainsTheNodeSoThatItsDataIsInSSTables() throws Exception {
		try (EmbeddedCassandra node = EmbeddedCassandra.start(durableNode("durable-stop"))) {
			Written written = Written.into(node);
			long start = System.nanoTime();
			node.stop();
			long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			String console = Files.readString(node.consoleLogFile(), StandardCharsets.UTF_8);
			assertThat(console).contains("Parent process asked for a stop: draining the Cassandra node")
				.contains(EmbeddedCassandra.DRAINED_CONSOLE_LINE);
			System.out.println("Durable node with " + ROWS + " rows stopped (drained) in " + stopMillis + " ms");
			node.start();
			written.assertStillIn(node, "after a drained stop");
			String log = Files.readString(node.logFile(), StandardCharsets.UTF_8);
			assertThat(log).as("the restart replays nothing: the drain flushed every table")
				.doesNotContain("Skipped")
				.containsPattern("(Log replay complete, 0 replayed mutations|No commitlog files found)");
		}
	}

	private static EmbeddedCassandraConfig durableNode(String name) {
		return TestConfigs.node(name).kind(NodeKind.DURABLE).cleanStart(true).build();
	}

	private static CqlSession session(EmbeddedCassandra node) {
		return DriverSessions.builder(List.of(node.contactPoint())).build();
	}

	private static UUID createSchema(CqlSession session) {
		session.execute("CREATE KEYSPACE durability WITH replication = {'class': 'SimpleStrategy', "
				+ "'replication_factor': 1}");
		session.execute("CREATE TABLE durability.items (id uuid PRIMARY KEY, payload text)");
		assertThat(session.checkSchemaAgreement()).isTrue();
		return tableId(session);
	}

	private static UUID tableId(CqlSession session) {
		Row row = session
			.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'durability' AND table_name = 'items'")
			.one();
		assertThat(row).as("the table durability.items").isNotNull();
		return row.getUuid("id");
	}

	private static Set<UUID> write(CqlSession session, int rows) throws InterruptedException {
		PreparedStatement insert = session.prepare("INSERT INTO durability.items (id, payload) VALUES (?, ?)");
		Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
		Semaphore inFlight = new Semaphore(64);
		List<CompletionStage<AsyncResultSet>> writes = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			UUID id = UUID.randomUUID();
			assertThat(inFlight.tryAcquire(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
			writes.add(session.executeAsync(insert.bind(id, "row " + i)).whenComplete((result, failure) -> {
				if (failure == null) {
					acknowledged.add(id);
				}
				inFlight.release();
			}));
		}
		assertThat(inFlight.tryAcquire(64, BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(acknowledged).hasSize(rows);
		return acknowledged;
	}

	private static Set<UUID> storedIds(CqlSession session) {
		Set<UUID> ids = ConcurrentHashMap.newKeySet();
		session.execute("SELECT id FROM durability.items").forEach((row) -> ids.add(row.getUuid("id")));
		return ids;
	}

	/**
	 * What a test wrote to a node: the id of its table and every acknowledged row.
	 */
	private record Written(UUID table, Set<UUID> acknowledged) {

		static Written into(EmbeddedCassandra node) throws InterruptedException {
			try (CqlSession session = session(node)) {
				UUID table = createSchema(session);
				return new Written(table, write(session, ROWS));
			}
		}

		/**
		 * Asserts that the node still has the same table (not one recreated with a new
		 * id) and exactly the acknowledged rows.
		 */
		void assertStillIn(EmbeddedCassandra node, String when) {
			try (CqlSession session = session(node)) {
				assertThat(tableId(session)).as("table id " + when).isEqualTo(this.table);
				assertThat(storedIds(session)).as("rows " + when)
					.containsAll(this.acknowledged)
					.hasSize(this.acknowledged.size());
			}
		}

	}

}
