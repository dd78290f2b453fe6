package dev.asynccassandra.internal.stream;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one page of a streamed query: the seam between the paging engine and the
 * session.
 * <p>
 * The session implements it by executing the streamed statement with the given paging
 * state, the stream's page size and per-page timeout and the session's error policy. The
 * engine calls it at most once at a time per stream, only after the subscriber's first
 * request, and always with the paging state of the previous page (it never calls
 * {@code fetchNextPage()}), so every page gets the session's guarantees and a stream can
 * be resumed from any saved paging state.
 * <p>
 * The returned stage should complete off the driver's I/O threads (the engine does not
 * rely on which thread). It must be convertible with {@code toCompletableFuture()}: the
 * engine cancels that future when the stream is cancelled or ends while the page is
 * pending, and the session should then cancel the driver request. Failures should be
 * driver exceptions ({@code DriverException} subtypes) or the library's own exceptions;
 * anything else is wrapped by the engine.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PageFetcher {

	/**
	 * Requests one page.
	 * @param pagingState the paging state of the page to fetch, or {@code null} for the
	 * first page of the query; a buffer the implementation may consume
	 * @return a stage completing with the page, or failing
	 */
	CompletionStage<AsyncResultSet> fetch(@Nullable ByteBuffer pagingState);

}
