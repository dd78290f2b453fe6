package dev.asynccassandra.failure;

import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.stream.StreamConsumers;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamSummary;

/**
 * The "open streams" part of the load: reads up to a number of pages of a statement and
 * completes with the row count.
 */
@FunctionalInterface
interface RowStreams {

	/**
	 * Reads rows of a statement.
	 * @param statement the query, with its page size set
	 * @param maxPages the most pages to read
	 * @return the number of rows read
	 */
	CompletableFuture<Long> read(Statement<?> statement, int maxPages);

	/**
	 * Streams through {@link AsyncSession#stream(StreamOptions, Statement)} with
	 * {@code maxPages} as the stream's page limit (the page size is the statement's),
	 * consumed with backpressure by {@link StreamConsumers#forEach}. A stream error fails
	 * the returned future with the error the subscriber received: the driver's exception
	 * itself, as {@code execute} would fail.
	 * @param session the session
	 * @return the hook
	 */
	static RowStreams streaming(AsyncSession session) {
		return (statement, maxPages) -> StreamConsumers
			.forEach(session.stream(StreamOptions.builder().maxPages(maxPages).build(), statement), (row) -> {
			})
			.thenApply(StreamSummary::rows);
	}

}
