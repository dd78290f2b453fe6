package dev.asynccassandra.internal.request;

import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;

/**
 * What a {@link RequestHandler} and the results it produces need from the launcher that
 * started them, and nothing more: the steps of the in-flight slot and the permit, the
 * request's one query event, and the follow-up pages, which run with the same
 * {@link RequestContext}. {@link RequestLauncher} is the only implementation; naming the
 * owner keeps the handler from reaching anything else of the session.
 */
interface RequestOwner {

	/**
	 * The driver request of a started request ended: the timeout backstop and a forced
	 * close no longer see it.
	 * @param handler the request
	 */
	void untrack(RequestHandler<?, ?> handler);

	/**
	 * A started request's permit goes to the next waiting request (started on the calling
	 * thread) or back to the pool.
	 */
	void returnPermit();

	/**
	 * The request's in-flight slot is free: a graceful close may have drained.
	 */
	void releaseSlot();

	/**
	 * The caller's future of a request ended before the request started: if it still
	 * waits for a permit, it leaves the queue and its in-flight slot is released.
	 * @param handler the request
	 */
	void leaveQueue(RequestHandler<?, ?> handler);

	/**
	 * Whether a forced close has begun: from then on every failure of an admitted request
	 * is reported as a {@code SessionClosedException}.
	 * @return {@code true} once the close began to abort requests
	 */
	boolean isForceClosing();

	/**
	 * Where the request's query event goes.
	 * @return the session's events
	 */
	RequestEvents events();

	/**
	 * Starts the request of the next page of a result, with the context of the request
	 * that returned the result.
	 * @param resultSet the page whose successor is fetched
	 * @param context what the first request carried
	 * @return the caller's future of the next page
	 */
	CompletableFuture<AsyncResult> fetchNextPage(AsyncResultSet resultSet, RequestContext context);

	/**
	 * Starts the request of a page of a row stream, nested in the stream's own slot.
	 * @param first whether it is the stream's first page (reported as
	 * {@link OperationKind#STREAM}, the others as {@link OperationKind#PAGE})
	 * @param page the streamed statement with the paging state of the page
	 * @param context what the stream's requests carry
	 * @return the stream's future of the page
	 */
	CompletableFuture<AsyncResultSet> fetchStreamPage(boolean first, Statement<?> page, RequestContext context);

}
