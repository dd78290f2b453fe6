package dev.asynccassandra.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.CompletionExecutors;
import org.springframework.data.cassandra.core.cql.AsyncCqlTemplate;
import org.springframework.data.cassandra.core.cql.ReactiveCqlTemplate;
import org.springframework.data.cassandra.core.cql.session.DefaultBridgedReactiveSession;

/**
 * One contender bound to one work: {@link #run()} starts one query and completes with the
 * number of rows it consumed.
 */
public final class Client implements AutoCloseable {

	private final Runner runner;

	private final Runnable closer;

	private final LongAdder events;

	private Client(Runner runner, Runnable closer, LongAdder events) {
		this.runner = runner;
		this.closer = closer;
		this.events = events;
	}

	/**
	 * Creates a contender over a shared driver session (never closed by the client).
	 * @param contender the contender
	 * @param work the work
	 * @param session the shared driver session
	 * @return the client
	 */
	public static Client create(Contender contender, Work work, CqlSession session) {
		PreparedStatement prepared = session.prepare(work.cql());
		BoundStatement statement = bind(work, prepared);
		LongAdder events = new LongAdder();
		return switch (contender) {
			case RAW -> new Client(() -> session.executeAsync(statement)
				.thenApply((rs) -> consume(rs.currentPage()))
				.toCompletableFuture(), () -> {
				}, events);
			case ASYNC, ASYNC_DIRECT, ASYNC_METRICS -> {
				var builder = AsyncSession.builder().withCqlSession(session).withCloseCqlSession(false);
				if (contender == Contender.ASYNC_DIRECT) {
					builder.withExecutor(CompletionExecutors.direct());
				}
				if (contender == Contender.ASYNC_METRICS) {
					builder.addListener((event) -> events.increment());
				}
				AsyncSession async = builder.build();
				yield new Client(() -> async.execute(statement).thenApply((result) -> consume(result.currentPage())),
						() -> async.closeAsync().join(), events);
			}
			case SPRING_ASYNC -> {
				AsyncCqlTemplate template = new AsyncCqlTemplate(session);
				yield new Client(
						() -> template.queryForResultSet(statement).thenApply((rs) -> consume(rs.currentPage())),
						() -> {
						}, events);
			}
			case SPRING_REACTIVE -> {
				ReactiveCqlTemplate template = new ReactiveCqlTemplate(new DefaultBridgedReactiveSession(session));
				yield new Client(() -> template.queryForRows(statement)
					.reduce(0, (count, row) -> count + consume(row))
					.toFuture(), () -> {
					}, events);
			}
		};
	}

	/**
	 * A client over a function that starts one query, for tests of the harness.
	 * @param query starts one query
	 * @return the client
	 */
	static Client of(Supplier<CompletableFuture<Integer>> query) {
		return new Client(query::get, () -> {
		}, new LongAdder());
	}

	private static BoundStatement bind(Work work, PreparedStatement prepared) {
		return switch (work) {
			case READ -> prepared.bind(1, 1);
			case WRITE -> prepared.bind(1, 1, "value");
			case PAGE10 -> prepared.bind(1);
		};
	}

	private static int consume(Iterable<Row> rows) {
		int count = 0;
		for (Row row : rows) {
			count += consume(row);
		}
		return count;
	}

	private static int consume(Row row) {
		return (row.getObject(0) != null) ? 1 : 0;
	}

	/**
	 * Starts one query.
	 * @return completes with the number of rows consumed
	 */
	public CompletableFuture<Integer> run() {
		return this.runner.run();
	}

	/**
	 * Query events received by the metrics listener (zero unless metrics are on).
	 * @return the count
	 */
	public long events() {
		return this.events.sum();
	}

	@Override
	public void close() {
		this.closer.run();
	}

	@FunctionalInterface
	private interface Runner {

		CompletableFuture<Integer> run();

	}

}
