package dev.asynccassandra.internal.request;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;

/**
 * A kind of request and how the driver's result becomes what the caller receives: one
 * constant per kind, so that a request holds a single reference for both and adapting a
 * result needs no function made per request.
 *
 * @param <D> what the driver returns
 * @param <R> what the caller receives
 * @param kind the kind reported in query events
 * @param adapter turns the driver's result into the caller's
 */
record Operation<D, R>(OperationKind kind, Adapter<D, R> adapter) {

	/** A single statement; the caller receives an {@link AsyncResult}. */
	static final Operation<AsyncResultSet, AsyncResult> EXECUTE = new Operation<>(OperationKind.EXECUTE,
			DefaultAsyncResult::new);

	/** A batch; the caller receives an {@link AsyncResult}. */
	static final Operation<AsyncResultSet, AsyncResult> BATCH = new Operation<>(OperationKind.BATCH,
			DefaultAsyncResult::new);

	/** The next page of an {@link AsyncResult}. */
	static final Operation<AsyncResultSet, AsyncResult> PAGE = new Operation<>(OperationKind.PAGE,
			DefaultAsyncResult::new);

	/** A preparation; the caller receives the driver's prepared statement. */
	static final Operation<PreparedStatement, PreparedStatement> PREPARE = new Operation<>(OperationKind.PREPARE,
			(prepared, owner, context) -> prepared);

	/** The first page of a row stream; the stream receives the driver's page. */
	static final Operation<AsyncResultSet, AsyncResultSet> STREAM_FIRST_PAGE = new Operation<>(OperationKind.STREAM,
			(page, owner, context) -> page);

	/** A follow-up page of a row stream. */
	static final Operation<AsyncResultSet, AsyncResultSet> STREAM_PAGE = new Operation<>(OperationKind.PAGE,
			(page, owner, context) -> page);

	R adapt(D value, RequestOwner owner, RequestContext context) {
		return this.adapter.adapt(value, owner, context);
	}

	/**
	 * Turns the driver's result into the caller's; a result that fetches more pages does
	 * so through the request's owner, with the request's context.
	 *
	 * @param <D> what the driver returns
	 * @param <R> what the caller receives
	 */
	@FunctionalInterface
	interface Adapter<D, R> {

		R adapt(D value, RequestOwner owner, RequestContext context);

	}

}
