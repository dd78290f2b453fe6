package dev.asynccassandra.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.testing.EmbeddedNodeSession;
import dev.asynccassandra.testing.TestSubscriber;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node stopped in the middle of a stream, on a node of its own (not the shared one):
 * the subscriber receives the driver's exception as itself and nothing stays open.
 * <p>
 * Which exception depends on where the next page request meets the stopping node, all
 * legal: no connection left ({@code NoNodeAvailableException}), the connection refused or
 * lost before the request was written ({@code AllNodesFailedException}), the connection
 * closed with the request in flight ({@code ClosedConnectionException}: a SELECT is not
 * idempotent by default, so the driver does not retry it), or the request reached the
 * node while it shut down ({@code OverloadedException} "Server is shutting down", seen
 * with pages prefetched on a busy machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamNodeStopIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final int ROWS = 1_000;

	private static final int PAGE_SIZE = 100;

	private EmbeddedNodeSession node;

	private CqlSession cqlSession;

	@BeforeAll
	void startNode() throws Exception {
		this.node = EmbeddedNodeSession.start(
				EmbeddedCassandraConfig.builder()
					.kind(NodeKind.EPHEMERAL)
					.nativePort(0)
					.storagePort(0)
					.dataDirectory(EmbeddedNodeSession.dataDirectory("stream-node-stop"))
					.build(),
				DriverConfigLoader.programmaticBuilder()
					.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
					.build());
		this.cqlSession = this.node.session();
		this.cqlSession.execute("CREATE KEYSPACE IF NOT EXISTS stop_test WITH replication = "
				+ "{'class': 'SimpleStrategy', 'replication_factor': 1}");
		this.cqlSession.execute("CREATE TABLE IF NOT EXISTS stop_test.rows (k int PRIMARY KEY, v text)");
		this.cqlSession.checkSchemaAgreement();
		PreparedStatement insert = this.cqlSession.prepare("INSERT INTO stop_test.rows (k, v) VALUES (?, ?)");
		List<CompletableFuture<?>> writes = new ArrayList<>();
		for (int k = 0; k < ROWS; k++) {
			writes.add(this.cqlSession.executeAsync(insert.bind(k, "v" + k)).toCompletableFuture());
		}
		CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
	}

	@AfterAll
	void stopNode() {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void nodeStoppedMidStreamFailsTheSubscriberWithTheDriverExceptionAndLeaksNothing() throws Exception {
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(this.cqlSession)
			.withCloseCqlSession(false)
			.withDefaultTimeout(Duration.ofSeconds(10))
			.build();
		TestSubscriber<Row> subscriber = new TestSubscriber<>(PAGE_SIZE);
		session.stream(StreamOptions.builder().pageSize(PAGE_SIZE).build(), "SELECT k, v FROM stop_test.rows")
			.subscribe(subscriber);
		Awaitility.await().atMost(WAIT).until(() -> subscriber.items.size() == PAGE_SIZE);
		assertThat(session.statistics().openStreams()).isEqualTo(1);
		this.node.node().stop();
		subscriber.request(Long.MAX_VALUE);
		Throwable error = subscriber.awaitTermination(WAIT);
		System.out.println("StreamNodeStopIT: the subscriber received " + error);
		assertThat(error).isNotNull()
			.isInstanceOf(DriverException.class)
			.isNotInstanceOfAny(CompletionException.class, ExecutionException.class)
			.isInstanceOfAny(NoNodeAvailableException.class, AllNodesFailedException.class,
					ClosedConnectionException.class, OverloadedException.class);
		if (error instanceof OverloadedException) {
			assertThat(error).hasMessageContaining("shutting down");
		}
		assertThat(subscriber.items).hasSizeBetween(PAGE_SIZE, ROWS - 1);
		Awaitility.await().atMost(WAIT).until(() -> session.inFlightCount() == 0);
		assertThat(session.statistics().openStreams()).isZero();
		session.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

}
