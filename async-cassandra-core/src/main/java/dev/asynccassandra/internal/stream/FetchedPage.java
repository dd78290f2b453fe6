package dev.asynccassandra.internal.stream;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.stream.StreamProgress;
import org.jspecify.annotations.Nullable;

/**
 * One page received by a stream: its rows not yet delivered and what is needed to fetch
 * the next page. Holds no reference to the result set itself. Used only by the drain loop
 * of its {@link PagingSubscription}.
 */
final class FetchedPage {

	private static final Iterator<Row> NO_ROWS = Collections.emptyIterator();

	private final long pageNumber;

	private final int rowsInPage;

	private final @Nullable ByteBuffer pagingState;

	private final @Nullable PagingState safePagingState;

	private Iterator<Row> rows;

	private FetchedPage(long pageNumber, int rowsInPage, Iterator<Row> rows, @Nullable ByteBuffer pagingState,
			@Nullable PagingState safePagingState) {
		this.pageNumber = pageNumber;
		this.rowsInPage = rowsInPage;
		this.rows = rows;
		this.pagingState = pagingState;
		this.safePagingState = safePagingState;
	}

	/**
	 * Takes what a stream needs from a result set.
	 * @param resultSet the page as returned by the fetcher
	 * @param pageNumber number of the page in the stream, from {@code 1}
	 * @param withSafePagingState whether to build the driver's safe paging state (only
	 * needed for progress events)
	 * @return the page
	 */
	static FetchedPage of(AsyncResultSet resultSet, long pageNumber, boolean withSafePagingState) {
		int rowsInPage = resultSet.remaining();
		Iterator<Row> rows = resultSet.currentPage().iterator();
		ExecutionInfo executionInfo = resultSet.getExecutionInfo();
		ByteBuffer pagingState = resultSet.hasMorePages() ? executionInfo.getPagingState() : null;
		PagingState safePagingState = (pagingState != null && withSafePagingState) ? safePagingState(executionInfo)
				: null;
		return new FetchedPage(pageNumber, rowsInPage, rows, pagingState, safePagingState);
	}

	private static @Nullable PagingState safePagingState(ExecutionInfo executionInfo) {
		try {
			return executionInfo.getSafePagingState();
		}
		catch (RuntimeException ex) {
			// Only a convenience for progress events; the raw paging state is enough.
			return null;
		}
	}

	int rowsInPage() {
		return this.rowsInPage;
	}

	boolean hasMorePages() {
		return this.pagingState != null;
	}

	/**
	 * Paging state of the page after this one.
	 * @return a fresh view of the paging state, or {@code null} if this is the last page
	 */
	@Nullable ByteBuffer nextPagingState() {
		return (this.pagingState != null) ? this.pagingState.duplicate() : null;
	}

	boolean hasNextRow() {
		return this.rows.hasNext();
	}

	Row nextRow() {
		return this.rows.next();
	}

	/**
	 * Drops the rows not delivered yet.
	 */
	void release() {
		this.rows = NO_ROWS;
	}

	StreamProgress toProgress(long rowsSoFar) {
		return new StreamProgress(this.pageNumber, this.rowsInPage, rowsSoFar, this.pagingState, this.safePagingState);
	}

}
