package dev.asynccassandra.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.internal.core.context.InternalDriverContext;
import dev.asynccassandra.embedded.api.junit.EmbeddedCassandraTest;
import dev.asynccassandra.testing.BlockingCallRecorder;
import dev.asynccassandra.testing.TestSubscriber;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With BlockHound installed, execute, prepare, batch, paging, streams and user
 * continuations never make a blocking call on a driver I/O or admin thread; and the
 * detector does fire for a blocking call on such a thread.
 */
@EmbeddedCassandraTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoBlockingOnDriverThreadsIT {

	private static final long WAIT_SECONDS = 30;

	private CqlSession cqlSession;

	private AsyncSession session;

	@BeforeAll
	void installBlockHound(CqlSession cqlSession) throws Exception {
		BlockingCallRecorder.install();
		this.cqlSession = cqlSession;
		this.session = AsyncSession.builder().withCqlSession(cqlSession).withCloseCqlSession(false).build();
		await(this.session.execute("CREATE TABLE IF NOT EXISTS nb_kv (p int, c int, v text, PRIMARY KEY (p, c))"));
		await(this.session.execute("CREATE TABLE IF NOT EXISTS nb_counters (k int PRIMARY KEY, n counter)"));
		BlockingCallRecorder.drain();
	}

	@AfterAll
	void closeSession() throws Exception {
		this.session.closeAsync().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	@Test
	@Order(1)
	void noBlockingCallOnADriverThreadAcrossEveryOperation() throws Exception {
		PreparedStatement insert = await(this.session.prepare("INSERT INTO nb_kv (p, c, v) VALUES (?, ?, ?)"));
		List<CompletableFuture<String>> continued = new ArrayList<>();
		for (int c = 0; c < 50; c++) {
			continued.add(this.session.execute(insert.bind(1, c, "v" + c)).thenApply((result) -> "done"));
		}
		for (CompletableFuture<String> future : continued) {
			assertThat(future.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("done");
		}
		await(this.session.execute("INSERT INTO nb_kv (p, c, v) VALUES (?, ?, ?)", 1, 50, "positional"));
		PreparedStatement increment = await(this.session.prepare("UPDATE nb_counters SET n = n + ? WHERE k = ?"));
		List<BatchableStatement<?>> counters = List.of(increment.bind(1L, 1), increment.bind(2L, 1));
		await(this.session.executeBatch(DefaultBatchType.COUNTER, counters));
		await(this.session.executeBatch(DefaultBatchType.LOGGED,
				List.of(insert.bind(2, 0, "a"), insert.bind(2, 1, "b"))));
		AsyncResult page = await(
				this.session.execute(SimpleStatement.newInstance("SELECT v FROM nb_kv WHERE p = 1").setPageSize(7)));
		int rows = count(page.currentPage());
		while (page.hasMorePages()) {
			page = await(page.fetchNextPage());
			rows += count(page.currentPage());
		}
		assertThat(rows).isEqualTo(51);
		TestSubscriber<Row> subscriber = new TestSubscriber<>(Long.MAX_VALUE);
		this.session.stream(SimpleStatement.newInstance("SELECT v FROM nb_kv WHERE p = 1").setPageSize(5))
			.subscribe(subscriber);
		subscriber.done.get(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(subscriber.items).hasSize(51);
		assertThat(BlockingCallRecorder.drain()).isEmpty();
	}

	@Test
	@Order(2)
	void aBlockingCallOnADriverIoThreadIsRecorded() throws Exception {
		// A blocking call on one of the driver's I/O threads, on purpose, to prove the
		// detector fires. Submitted to the driver's event loop rather than chained on a
		// raw driver future: a future that is already complete when the continuation is
		// chained runs it on the caller's thread, and the test would then see nothing.
		EventLoopGroup ioThreads = ((InternalDriverContext) this.cqlSession.getContext()).getNettyOptions()
			.ioEventLoopGroup();
		ioThreads.next().submit(NoBlockingOnDriverThreadsIT::blockBriefly).get(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(BlockingCallRecorder.drain())
			.anySatisfy((call) -> assertThat(call).matches("(?s)s\\d+-io-\\d+: [^\\n]*park.*"));
	}

	private static void blockBriefly() {
		// Parks for a microsecond: a blocking call by BlockHound's rules, without
		// making the test depend on time.
		LockSupport.parkNanos(1_000);
	}

	private static int count(Iterable<Row> rows) {
		int count = 0;
		for (Row ignored : rows) {
			count++;
		}
		return count;
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

}
