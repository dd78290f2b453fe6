package dev.asynccassandra.failure;

import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;

/**
 * Hook for the "open streams" part of the load: reads up to a number of pages of a
 * statement and completes with the row count.
 * <p>
 * {@link #paging(AsyncSession)} pages with {@link AsyncResult#fetchNextPage()}, which
 * this branch's {@code AsyncSession} has. Once {@code AsyncSession.stream(Statement,
 * StreamOptions)} is on the branch, replace it with an implementation that subscribes to
 * that publisher (for example through {@code StreamConsumers.forEach}) with
 * {@code maxPages} as the stream's page limit.
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
	 * Streams by paging through {@link AsyncSession#execute(Statement)} results.
	 * @param session the session
	 * @return the hook
	 */
	static RowStreams paging(AsyncSession session) {
		return (statement, maxPages) -> session.execute(statement).thenCompose((first) -> drain(first, 1, maxPages, 0));
	}

	private static CompletableFuture<Long> drain(AsyncResult page, int pageNumber, int maxPages, long rowsBefore) {
		long rows = rowsBefore + page.remaining();
		page.currentPage().forEach((row) -> {
		});
		if (!page.hasMorePages() || pageNumber >= maxPages) {
			return CompletableFuture.completedFuture(rows);
		}
		return page.fetchNextPage().thenCompose((next) -> drain(next, pageNumber + 1, maxPages, rows));
	}

}
