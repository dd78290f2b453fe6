package dev.asynccassandra.embedded.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedCassandraIT {

	private static final int ROWS = 10_000;

	@Test
	void startedNodeStoresRowsAndKeepsThemAcrossRestart() throws Exception {
		long startNanos = System.nanoTime();
		try (EmbeddedCassandra cassandra = EmbeddedCassandra.start(TestConfigs.node("round-trip").build())) {
			report("node start", startNanos);
			assertThat(cassandra.isRunning()).isTrue();
			assertThat(cassandra.releaseVersion()).isEqualTo("5.0.6");
			assertThat(cassandra.contactPoint().getPort()).isPositive();
			assertThat(cassandra.localDatacenter()).isEqualTo("datacenter1");
			assertThat(cassandra.logFile()).exists().startsWith(cassandra.config().dataDirectory());
			long firstPid = cassandra.pid().orElseThrow();
			assertThat(EmbeddedCassandra.processesUnder(cassandra.config().dataDirectory()))
				.extracting(ProcessHandle::pid)
				.containsExactly(firstPid);
			try (CqlSession session = session(cassandra)) {
				session.execute("CREATE KEYSPACE round_trip WITH replication = "
						+ "{'class': 'SimpleStrategy', 'replication_factor': 1}");
				session.execute("CREATE TABLE round_trip.items (id int PRIMARY KEY, name text, amount bigint)");
				assertThat(session.checkSchemaAgreement()).isTrue();
				long writeNanos = System.nanoTime();
				writeRows(session);
				report(ROWS + " rows written", writeNanos);
				long readNanos = System.nanoTime();
				assertAllRows(session);
				report(ROWS + " rows read", readNanos);
			}
			long stopNanos = System.nanoTime();
			cassandra.stop();
			report("node stop", stopNanos);
			assertThat(cassandra.isRunning()).isFalse();
			assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
			assertThat(EmbeddedCassandra.processesUnder(cassandra.config().dataDirectory())).isEmpty();
			cassandra.stop();

			long restartNanos = System.nanoTime();
			cassandra.start();
			report("node restart", restartNanos);
			assertThat(cassandra.pid().orElseThrow()).isNotEqualTo(firstPid);
			try (CqlSession session = session(cassandra)) {
				assertAllRows(session);
			}
		}
	}

	private static CqlSession session(EmbeddedCassandra cassandra) {
		return CqlSession.builder()
			.addContactPoint(cassandra.contactPoint())
			.withLocalDatacenter(cassandra.localDatacenter())
			.withConfigLoader(DriverConfigLoader.programmaticBuilder()
				.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
				.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
				.build())
			.build();
	}

	private static void writeRows(CqlSession session) throws Exception {
		PreparedStatement insert = session.prepare("INSERT INTO round_trip.items (id, name, amount) VALUES (?, ?, ?)");
		Semaphore inFlight = new Semaphore(128);
		List<CompletableFuture<?>> writes = new ArrayList<>(ROWS);
		for (int id = 0; id < ROWS; id++) {
			assertThat(inFlight.tryAcquire(120, TimeUnit.SECONDS)).isTrue();
			CompletionStage<AsyncResultSet> write = session.executeAsync(insert.bind(id, "item-" + id, id * 3L));
			writes.add(write.whenComplete((result, failure) -> inFlight.release()).toCompletableFuture());
		}
		CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
	}

	private static void assertAllRows(CqlSession session) {
		Map<Integer, Row> rows = new ConcurrentHashMap<>();
		SimpleStatement select = SimpleStatement.newInstance("SELECT id, name, amount FROM round_trip.items")
			.setPageSize(1000);
		for (Row row : session.execute(select)) {
			rows.put(row.getInt("id"), row);
		}
		assertThat(rows).hasSize(ROWS);
		rows.forEach((id, row) -> {
			assertThat(row.getString("name")).isEqualTo("item-" + id);
			assertThat(row.getLong("amount")).isEqualTo(id * 3L);
		});
	}

	private static void report(String what, long startNanos) {
		System.out
			.println("[timing] " + what + ": " + Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms");
	}

}
