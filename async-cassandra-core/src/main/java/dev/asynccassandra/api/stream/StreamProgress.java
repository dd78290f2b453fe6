package dev.asynccassandra.api.stream;

import java.nio.ByteBuffer;

import com.datastax.oss.driver.api.core.cql.PagingState;
import org.jspecify.annotations.Nullable;

/**
 * Progress of a row stream after one page was delivered in full to the subscriber.
 * <p>
 * To resume a stream later, save {@link #pagingState()} (or {@link #safePagingState()})
 * and start a new stream with
 * {@link StreamOptions.Builder#startingPagingState(ByteBuffer)}: the new stream yields
 * exactly the rows after this page. Rows delivered after the last progress event (from a
 * page that was not delivered in full, because the stream was cancelled, failed or hit
 * its row limit) are yielded again by a resumed stream.
 *
 * @param pageNumber number of the page in this stream, starting at {@code 1}
 * @param rowsInPage rows in that page
 * @param rowsSoFar rows delivered by this stream so far, including this page
 * @param pagingState read-only paging state that fetches the page after this one, or
 * {@code null} if this was the last page
 * @param safePagingState the same paging state in the driver's safe wrapper that checks
 * it is reused with the same statement, or {@code null} if there is no next page or the
 * driver could not provide it
 * @since 0.1.0
 */
public record StreamProgress(long pageNumber, int rowsInPage, long rowsSoFar, @Nullable ByteBuffer pagingState,
		@Nullable PagingState safePagingState) {

	/**
	 * Keeps a read-only view of the paging state.
	 * @param pageNumber number of the page in this stream, starting at {@code 1}
	 * @param rowsInPage rows in that page
	 * @param rowsSoFar rows delivered by this stream so far, including this page
	 * @param pagingState read-only paging state that fetches the page after this one, or
	 * {@code null} if this was the last page
	 * @param safePagingState the same paging state in the driver's safe wrapper, or
	 * {@code null} if there is no next page or the driver could not provide it
	 */
	public StreamProgress {
		pagingState = (pagingState != null) ? pagingState.asReadOnlyBuffer() : null;
	}

	/**
	 * Whether the query has pages after this one (regardless of the stream's limits).
	 * @return {@code true} if {@link #pagingState()} is not {@code null}
	 */
	public boolean hasMorePages() {
		return this.pagingState != null;
	}

}
