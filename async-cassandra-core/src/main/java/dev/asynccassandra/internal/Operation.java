package dev.asynccassandra.internal;

import java.util.function.BiFunction;

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
 * @param adapter turns the driver's result into the caller's, given the request's context
 */
record Operation<D, R>(OperationKind kind, BiFunction<? super D, RequestContext, ? extends R> adapter) {

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
			(prepared, context) -> prepared);

	/** The first page of a row stream; the stream receives the driver's page. */
	static final Operation<AsyncResultSet, AsyncResultSet> STREAM_FIRST_PAGE = new Operation<>(OperationKind.STREAM,
			(page, context) -> page);

	/** A follow-up page of a row stream. */
	static final Operation<AsyncResultSet, AsyncResultSet> STREAM_PAGE = new Operation<>(OperationKind.PAGE,
			(page, context) -> page);

	R adapt(D value, RequestContext context) {
		return this.adapter.apply(value, context);
	}

}
