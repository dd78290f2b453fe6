package dev.asynccassandra.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.asynccassandra.embedded.api.junit.EmbeddedCassandraTest;
import dev.asynccassandra.testing.ThreadNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session against a real Cassandra node: paging, lightweight transactions, batches,
 * server-side errors and threading.
 */
@EmbeddedCassandraTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncSessionIT {

	private static final long WAIT_SECONDS = 30;

	private AsyncSession session;

	@BeforeAll
	void createSchema(CqlSession cqlSession) throws Exception {
		this.session = AsyncSession.builder().withCqlSession(cqlSession).withCloseCqlSession(false).build();
		await(this.session.execute("CREATE TABLE IF NOT EXISTS kv (k int PRIMARY KEY, v text)"));
		await(this.session.execute("CREATE TABLE IF NOT EXISTS counters (k int PRIMARY KEY, c counter)"));
		cqlSession.checkSchemaAgreement();
		PreparedStatement insert = await(this.session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)"));
		List<CompletableFuture<AsyncResult>> inserts = new ArrayList<>();
		for (int k = 0; k < 25; k++) {
			inserts.add(this.session.execute(insert.bind(k, "v" + k)));
		}
		for (CompletableFuture<AsyncResult> future : inserts) {
			await(future);
		}
	}

	@AfterAll
	void closeSession() throws Exception {
		this.session.closeAsync().get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	@Test
	void everyPageCompletesOffTheDriverThreadsWithTheSameGuarantees() throws Exception {
		QueryOptions options = QueryOptions.builder().pageSize(10).timeout(Duration.ofSeconds(5)).build();
		CompletableFuture<AsyncResult> page = this.session.execute(options, "SELECT k, v FROM kv");
		int rows = 0;
		int pages = 0;
		while (true) {
			CompletableFuture<String> thread = page.thenApply((result) -> Thread.currentThread().getName());
			AsyncResult result = await(page);
			assertThat(await(thread)).doesNotMatch(ThreadNames.DRIVER_THREAD);
			pages++;
			for (Row row : result.currentPage()) {
				assertThat(row.getString("v")).isEqualTo("v" + row.getInt("k"));
				rows++;
			}
			if (!result.hasMorePages()) {
				break;
			}
			page = result.fetchNextPage();
		}
		assertThat(rows).isEqualTo(25);
		assertThat(pages).isEqualTo(3);
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void nextPageCompletesOnTheExecutorCapturedByTheFirstCall() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "page-executor"));
		try {
			QueryOptions options = QueryOptions.builder().pageSize(5).executor(executor).build();
			AsyncResult first = await(this.session.execute(options, "SELECT k FROM kv"));
			// Hold the executor so that the next page cannot complete before the
			// continuation is registered.
			CountDownLatch release = new CountDownLatch(1);
			executor.execute(() -> awaitQuietly(release));
			CompletableFuture<String> thread = first.fetchNextPage()
				.thenApply((result) -> Thread.currentThread().getName());
			release.countDown();
			assertThat(await(thread)).isEqualTo("page-executor");
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void lightweightTransactionsReportWhetherTheyWereApplied() throws Exception {
		assertThat(await(this.session.execute("INSERT INTO kv (k, v) VALUES (1000, 'a') IF NOT EXISTS")).wasApplied())
			.isTrue();
		assertThat(await(this.session.execute("INSERT INTO kv (k, v) VALUES (1000, 'b') IF NOT EXISTS")).wasApplied())
			.isFalse();
	}

	@Test
	void batchesOfPreparedStatementsAreApplied() throws Exception {
		PreparedStatement insert = await(this.session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)"));
		List<BatchableStatement<?>> logged = List.of(insert.bind(2000, "x"), insert.bind(2001, "y"));
		await(this.session.executeBatch(DefaultBatchType.LOGGED, logged));
		PreparedStatement increment = await(this.session.prepare("UPDATE counters SET c = c + ? WHERE k = ?"));
		await(this.session.executeBatch(DefaultBatchType.COUNTER,
				List.of(increment.bind(2L, 1), increment.bind(3L, 1))));
		Row counter = await(this.session.execute("SELECT c FROM counters WHERE k = ?", 1)).one();
		assertThat(counter).isNotNull();
		assertThat(counter.getLong("c")).isEqualTo(5L);
		Row row = await(this.session.execute("SELECT v FROM kv WHERE k = :k", Map.of("k", 2001))).one();
		assertThat(row).isNotNull();
		assertThat(row.getString("v")).isEqualTo("y");
	}

	@Test
	void countersRoundTripOutsideABatchWithPositionalAndNamedValues() throws Exception {
		await(this.session.execute("UPDATE counters SET c = c + ? WHERE k = ?", 7L, 2));
		await(this.session.execute("UPDATE counters SET c = c - :delta WHERE k = :k", Map.of("delta", 3L, "k", 2)));
		PreparedStatement increment = await(this.session.prepare("UPDATE counters SET c = c + ? WHERE k = ?"));
		await(this.session.execute(increment.bind(10L, 2)));
		Row counter = await(this.session.execute("SELECT c FROM counters WHERE k = ?", 2)).one();
		assertThat(counter).isNotNull();
		assertThat(counter.getLong("c")).isEqualTo(14L);
	}

	@Test
	void badInputFailsWithTheDriverExceptionAndTheSessionStaysUsable() throws Exception {
		Throwable unknownTable = failure(this.session.execute("SELECT * FROM no_such_table"));
		assertThat(unknownTable).isInstanceOf(InvalidQueryException.class);
		Throwable wrongCount = failure(this.session.execute("INSERT INTO kv (k, v) VALUES (?, ?)", 1));
		assertThat(wrongCount).isInstanceOf(InvalidQueryException.class);
		Throwable wrongType = failure(this.session.execute("INSERT INTO kv (k, v) VALUES (?, ?)", "s3cr3t-value", "x"));
		assertThat(wrongType).isInstanceOf(InvalidQueryException.class);
		for (Throwable current = wrongType; current != null; current = current.getCause()) {
			assertThat(current.toString()).doesNotContain("s3cr3t");
		}
		CompletableFuture<String> failureThread = this.session.execute("SELECT * FROM no_such_table")
			.handle((result, error) -> Thread.currentThread().getName());
		assertThat(await(failureThread)).doesNotMatch(ThreadNames.DRIVER_THREAD);
		assertThat(await(this.session.execute("SELECT k FROM kv WHERE k = 1")).one()).isNotNull();
		assertThat(this.session.inFlightCount()).isZero();
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static Throwable failure(CompletableFuture<?> future) throws Exception {
		Throwable failure = future.handle((result, error) -> error).get(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(failure).isNotNull();
		return failure;
	}

}
