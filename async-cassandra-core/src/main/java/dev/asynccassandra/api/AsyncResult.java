package dev.asynccassandra.api;

import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

/**
 * One page of the result of a request made through an {@link AsyncSession}, keeping the
 * driver's paging: the rows of the current page are in memory, the next page is fetched
 * only when {@link #fetchNextPage()} is called.
 * <p>
 * {@link #fetchNextPage()} has the same guarantees as the request that produced this
 * result: it is bounded by the same timeout, completes on the same executor (captured
 * when the first request was made), counts as in-flight work of the session, follows the
 * same error policy and fails with {@code SessionClosedException} once the session is
 * closed.
 * <p>
 * Not thread-safe for iteration: the rows of a page are consumed by whoever iterates
 * them, as with the driver's {@code AsyncResultSet}.
 *
 * @since 0.1.0
 */
public interface AsyncResult {

	/**
	 * The rows of the current page not consumed yet; iterating consumes them.
	 * @return the remaining rows of this page
	 */
	Iterable<Row> currentPage();

	/**
	 * How many rows of the current page are left.
	 * @return the number of rows not consumed yet
	 */
	int remaining();

	/**
	 * Consumes and returns the next row of the current page.
	 * @return the next row, or {@code null} if the page has no rows left
	 */
	@Nullable Row one();

	/**
	 * Whether the server has more pages for this query.
	 * @return {@code true} if {@link #fetchNextPage()} may be called
	 */
	boolean hasMorePages();

	/**
	 * Fetches the next page asynchronously. Cancelling the returned future cancels the
	 * driver request and releases its in-flight slot.
	 * @return a future completing with the next page, on the executor of the original
	 * request
	 * @throws IllegalStateException if there are no more pages
	 */
	CompletableFuture<AsyncResult> fetchNextPage();

	/**
	 * Whether a conditional update (lightweight transaction) was applied; {@code true}
	 * for any other statement.
	 * @return whether the update was applied
	 */
	boolean wasApplied();

	/**
	 * Details of the request that produced this page (coordinator, warnings, paging
	 * state, tracing id).
	 * @return the driver's execution info
	 */
	ExecutionInfo executionInfo();

	/**
	 * The columns of the rows.
	 * @return the driver's column definitions, empty for statements without rows
	 */
	ColumnDefinitions columnDefinitions();

}
