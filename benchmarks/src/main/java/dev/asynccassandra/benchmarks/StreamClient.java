package dev.asynccassandra.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.stream.StreamConsumers;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamSummary;
import org.springframework.data.cassandra.core.cql.ReactiveCqlTemplate;
import org.springframework.data.cassandra.core.cql.session.DefaultBridgedReactiveSession;
import reactor.core.publisher.Mono;

/**
 * One streaming contender bound to one statement: {@link #run()} streams every row of the
 * statement and completes with the number of rows consumed. Optionally a slow consumer:
 * it pauses {@code pauseMillis} (without blocking a thread) after every
 * {@code pauseEveryRows} rows before asking for more.
 */
public final class StreamClient implements AutoCloseable {

	private final Runner runner;

	private final Runnable closer;

	private StreamClient(Runner runner, Runnable closer) {
		this.runner = runner;
		this.closer = closer;
	}

	/**
	 * Creates a contender over a shared driver session (never closed by the client).
	 * @param contender the contender
	 * @param session the driver session
	 * @param statement the statement streamed, with its page size set
	 * @param pauseEveryRows rows between two pauses of the consumer, or {@code 0} for a
	 * consumer that never pauses
	 * @param pauseMillis length of a pause
	 * @return the client
	 */
	public static StreamClient create(StreamContender contender, CqlSession session, Statement<?> statement,
			int pauseEveryRows, long pauseMillis) {
		Executor pause = CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS);
		return switch (contender) {
			case RAW -> new StreamClient(() -> raw(session, statement, pauseEveryRows, pause), () -> {
			});
			case ASYNC -> {
				AsyncSession async = AsyncSession.builder().withCqlSession(session).withCloseCqlSession(false).build();
				StreamOptions options = StreamOptions.builder().pageSize(statement.getPageSize()).build();
				yield new StreamClient(() -> {
					if (pauseEveryRows == 0) {
						return StreamConsumers.forEach(async.stream(options, statement), (row) -> consume(row))
							.thenApply(StreamSummary::rows);
					}
					return StreamConsumers.forEachPage(async.stream(options, statement), pauseEveryRows, (rows) -> {
						consume(rows);
						return CompletableFuture.runAsync(() -> {
						}, pause);
					}).thenApply(StreamSummary::rows);
				}, () -> async.closeAsync().join());
			}
			case SPRING_REACTIVE -> {
				ReactiveCqlTemplate template = new ReactiveCqlTemplate(new DefaultBridgedReactiveSession(session));
				Duration pauseLength = Duration.ofMillis(pauseMillis);
				yield new StreamClient(() -> {
					if (pauseEveryRows == 0) {
						return template.queryForRows(statement)
							.reduce(0L, (count, row) -> count + consume(row))
							.toFuture();
					}
					return template.queryForRows(statement)
						.buffer(pauseEveryRows)
						.concatMap((rows) -> Mono.delay(pauseLength).thenReturn(consume(rows)))
						.reduce(0L, Long::sum)
						.toFuture();
				}, () -> {
				});
			}
		};
	}

	/**
	 * The driver's own paging: consume the current page, then fetch the next one.
	 */
	private static CompletableFuture<Long> raw(CqlSession session, Statement<?> statement, int pauseEveryRows,
			Executor pause) {
		CompletableFuture<Long> done = new CompletableFuture<>();
		session.executeAsync(statement)
			.whenComplete((page, failure) -> rawPage(page, failure, 0, 0, done, pauseEveryRows, pause));
		return done;
	}

	private static void rawPage(AsyncResultSet page, Throwable failure, long before, long sincePause,
			CompletableFuture<Long> done, int pauseEveryRows, Executor pause) {
		if (failure != null) {
			done.completeExceptionally(failure);
			return;
		}
		long rows = consume(page.currentPage());
		long total = before + rows;
		if (!page.hasMorePages()) {
			done.complete(total);
			return;
		}
		long unpaused = sincePause + rows;
		if (pauseEveryRows == 0 || unpaused < pauseEveryRows) {
			page.fetchNextPage()
				.whenComplete((next, error) -> rawPage(next, error, total, unpaused, done, pauseEveryRows, pause));
			return;
		}
		// One pause for every pauseEveryRows rows of this page, like the other consumers.
		long pauses = unpaused / pauseEveryRows;
		CompletableFuture<Void> paused = CompletableFuture.completedFuture(null);
		for (long i = 0; i < pauses; i++) {
			paused = paused.thenRunAsync(() -> {
			}, pause);
		}
		paused.thenRun(() -> page.fetchNextPage()
			.whenComplete((next, error) -> rawPage(next, error, total, unpaused % pauseEveryRows, done, pauseEveryRows,
					pause)));
	}

	private static long consume(Iterable<Row> rows) {
		long count = 0;
		for (Row row : rows) {
			count += consume(row);
		}
		return count;
	}

	private static int consume(Row row) {
		return (row.getObject(0) != null && row.getString(1) != null) ? 1 : 0;
	}

	/**
	 * Streams every row once.
	 * @return completes with the number of rows consumed
	 */
	public CompletableFuture<Long> run() {
		return this.runner.run();
	}

	@Override
	public void close() {
		this.closer.run();
	}

	@FunctionalInterface
	private interface Runner {

		CompletableFuture<Long> run();

	}

}
