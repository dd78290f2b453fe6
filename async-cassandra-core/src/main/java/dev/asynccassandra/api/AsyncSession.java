package dev.asynccassandra.api;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.error.AsyncCassandraException;
import dev.asynccassandra.api.error.FailureClassifier;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;

/**
 * An asynchronous session over the Cassandra driver's {@link CqlSession} that keeps its
 * callers' continuations off the driver's threads, bounds every wait, maps failures one
 * way and closes without losing admitted work. Thread-safe; create one with
 * {@link #builder()}.
 *
 * <h2>Options</h2> Every operation has an overload taking per-call options
 * ({@link QueryOptions}, or {@link StreamOptions} for streams) as its first argument, so
 * that the values of a query always come last.
 *
 * <h2>Futures and threads</h2> Every request returns a {@link CompletableFuture} that is
 * completed on an executor captured when the call is made: the per-call
 * {@link QueryOptions#executor()}, else the session's default (a dedicated pool of daemon
 * threads named {@code async-cassandra-N}, unless the builder set another). It is never
 * completed on a driver I/O or admin thread ({@code s0-io-N}, {@code s0-admin-N}), so
 * continuations registered before completion never run there; continuations registered
 * after completion run on the registering thread, as usual for {@code CompletableFuture}.
 * If the executor rejects the completion task, the future fails with
 * {@code CompletionRejectedException} on a common-pool thread instead.
 * <p>
 * {@code cancel} on a returned future cancels the driver request and releases its
 * in-flight slot at once. Completing the future yourself has the same effect. Futures
 * derived from it ({@code thenApply}...) do not propagate cancellation back, as usual.
 *
 * <h2>Failures</h2> One policy for every operation:
 * <ul>
 * <li>Driver exceptions ({@code DriverException} subtypes) fail the future as themselves,
 * never wrapped in {@code CompletionException} or {@code ExecutionException}:
 * {@code whenComplete}, {@code handle} and {@code exceptionally} on the returned future
 * see, for example, {@code AllNodesFailedException} or {@code NoNodeAvailableException}
 * with their per-node errors, {@code InvalidQueryException}, {@code SyntaxError} or
 * {@code CodecNotFoundException}.</li>
 * <li>A request that exceeds its timeout (the per-call {@link QueryOptions#timeout()},
 * else the statement's, else the builder's default, else the driver profile's
 * {@code basic.request.timeout}) fails with the driver's {@code DriverTimeoutException}:
 * the session sets that timeout on the statement. If the driver has not ended the request
 * shortly after the timeout, the session's backstop cancels it and the future fails with
 * {@code QueryTimeoutException}.</li>
 * <li>After close the future fails at once with {@link SessionClosedException}; requests
 * in flight when the session is force-closed fail with it too, even when the driver's own
 * failure (the cause) reaches them first.</li>
 * <li>Beyond the session's maximum of requests in flight, a request waits in a bounded
 * FIFO queue within its own timeout; it fails with
 * {@link dev.asynccassandra.api.error.SessionBusyException} only if the queue is full (at
 * once) or its timeout passes while it waits (see
 * {@link AsyncSessionBuilder#withMaxRequestsInFlight(Integer)}).</li>
 * <li>Any other failure is wrapped in an {@link AsyncCassandraException} subclass with
 * the original as the cause.</li>
 * <li>Programming errors ({@code null} arguments, an empty batch, fetching past the last
 * page) are thrown directly: {@code NullPointerException} naming the parameter,
 * {@code IllegalArgumentException}, {@code IllegalStateException}.</li>
 * </ul>
 * Messages never contain bound values or credentials. {@link FailureClassifier} tells
 * whether a failure can be retried.
 *
 * <h2>Close</h2> {@link #closeAsync()} stops admitting requests at once, lets admitted
 * requests finish within the drain bound, force-closes whatever is left, then closes the
 * wrapped {@code CqlSession} (unless the builder said not to). {@link #forceCloseAsync()}
 * cancels in-flight requests and ends open row streams at once. Both are idempotent and
 * return the same future.
 *
 * <h2>Streams</h2> {@link #stream(StreamOptions, Statement, Function)} and its overloads
 * return a backpressured {@code Flow.Publisher} of rows for results of any size; an open
 * stream counts as in-flight work.
 *
 * @since 0.1.0
 */
public interface AsyncSession {

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	static AsyncSessionBuilder builder() {
		return new AsyncSessionBuilder();
	}

	/**
	 * Executes CQL with positional values.
	 * @param cql the query
	 * @param values the values of the {@code ?} markers; {@code null} elements bind
	 * {@code null}
	 * @return a future completing with the first page
	 * @throws NullPointerException if {@code cql} or {@code values} is {@code null}
	 */
	CompletableFuture<AsyncResult> execute(String cql, Object... values);

	/**
	 * Executes CQL with positional values and per-call options.
	 * @param options the per-call options
	 * @param cql the query
	 * @param values the values of the {@code ?} markers
	 * @return a future completing with the first page
	 * @throws NullPointerException if an argument is {@code null}
	 */
	CompletableFuture<AsyncResult> execute(QueryOptions options, String cql, Object... values);

	/**
	 * Executes CQL with named values.
	 * @param cql the query, with {@code :name} markers
	 * @param namedValues the values by name
	 * @return a future completing with the first page
	 * @throws NullPointerException if an argument is {@code null}
	 */
	CompletableFuture<AsyncResult> execute(String cql, Map<String, Object> namedValues);

	/**
	 * Executes CQL with named values and per-call options.
	 * @param options the per-call options
	 * @param cql the query, with {@code :name} markers
	 * @param namedValues the values by name
	 * @return a future completing with the first page
	 * @throws NullPointerException if an argument is {@code null}
	 */
	CompletableFuture<AsyncResult> execute(QueryOptions options, String cql, Map<String, Object> namedValues);

	/**
	 * Executes a statement: simple, bound, batch or built.
	 * @param statement the statement
	 * @return a future completing with the first page
	 * @throws NullPointerException if the statement is {@code null}
	 */
	CompletableFuture<AsyncResult> execute(Statement<?> statement);

	/**
	 * Executes a statement with per-call options, which override the statement's own
	 * settings.
	 * @param options the per-call options
	 * @param statement the statement
	 * @return a future completing with the first page
	 * @throws NullPointerException if an argument is {@code null}
	 */
	CompletableFuture<AsyncResult> execute(QueryOptions options, Statement<?> statement);

	/**
	 * Executes the statements in one batch.
	 * @param type logged, unlogged or counter ({@code DefaultBatchType})
	 * @param statements the statements, usually bound statements, in order
	 * @return a future completing with the result ({@link AsyncResult#wasApplied()} for
	 * conditional batches)
	 * @throws NullPointerException if an argument or element is {@code null}
	 * @throws IllegalArgumentException if there are no statements
	 */
	CompletableFuture<AsyncResult> executeBatch(BatchType type, Collection<? extends BatchableStatement<?>> statements);

	/**
	 * Executes the statements in one batch with per-call options. The driver (4.19)
	 * ignores the timeout of a batch statement and bounds it by its profile's
	 * {@code basic.request.timeout}; a shorter timeout is enforced by the session's
	 * backstop, which fails the future with {@code QueryTimeoutException}.
	 * @param options the per-call options
	 * @param type logged, unlogged or counter ({@code DefaultBatchType})
	 * @param statements the statements, usually bound statements, in order
	 * @return a future completing with the result
	 * @throws NullPointerException if an argument or element is {@code null}
	 * @throws IllegalArgumentException if there are no statements
	 */
	CompletableFuture<AsyncResult> executeBatch(QueryOptions options, BatchType type,
			Collection<? extends BatchableStatement<?>> statements);

	/**
	 * Prepares a statement. Concurrent and repeated preparations of the same CQL share
	 * one round trip and return the same {@link PreparedStatement} (the driver's prepared
	 * statement cache).
	 * @param cql the query
	 * @return a future completing with the prepared statement
	 * @throws NullPointerException if {@code cql} is {@code null}
	 */
	CompletableFuture<PreparedStatement> prepare(String cql);

	/**
	 * Prepares a statement with per-call options; only the timeout, the executor and the
	 * statement name apply. A per-call timeout is also inherited by the bound statements,
	 * as the driver does. The driver itself bounds the PREPARE message by its profile's
	 * {@code basic.request.timeout} only, so a shorter per-call timeout is enforced by
	 * the session's backstop: the future then fails with {@code QueryTimeoutException}.
	 * @param options the per-call options
	 * @param cql the query
	 * @return a future completing with the prepared statement
	 * @throws NullPointerException if an argument is {@code null}
	 */
	CompletableFuture<PreparedStatement> prepare(QueryOptions options, String cql);

	/**
	 * Streams the rows of CQL with positional values, with the session's default
	 * {@link StreamOptions} ({@link AsyncSessionBuilder#withDefaultStreamOptions}). See
	 * {@link #stream(StreamOptions, Statement, Function)}.
	 * @param cql the query
	 * @param values the values of the {@code ?} markers; {@code null} elements bind
	 * {@code null}
	 * @return a cold publisher of the rows; nothing is sent before a subscriber requests
	 * rows
	 * @throws NullPointerException if {@code cql} or {@code values} is {@code null}
	 * @throws IllegalArgumentException if a value is a {@link StreamOptions} or
	 * {@link QueryOptions} (use {@link #stream(StreamOptions, String, Object...)})
	 */
	RowPublisher<Row> stream(String cql, Object... values);

	/**
	 * Streams the rows of CQL with positional values and per-call stream options. See
	 * {@link #stream(StreamOptions, Statement, Function)}.
	 * @param options the stream options (prefetch, page size, limits, per-page timeout,
	 * progress listener, starting paging state)
	 * @param cql the query
	 * @param values the values of the {@code ?} markers
	 * @return a cold publisher of the rows
	 * @throws NullPointerException if an argument is {@code null}
	 * @throws IllegalArgumentException if a value is a {@link StreamOptions} or
	 * {@link QueryOptions}
	 */
	RowPublisher<Row> stream(StreamOptions options, String cql, Object... values);

	/**
	 * Streams the rows of a statement with the session's default {@link StreamOptions}
	 * ({@link AsyncSessionBuilder#withDefaultStreamOptions}). See
	 * {@link #stream(StreamOptions, Statement, Function)}.
	 * @param statement a simple, bound or built statement
	 * @return a cold publisher of the rows
	 * @throws NullPointerException if the statement is {@code null}
	 * @throws IllegalArgumentException if the statement is a batch
	 */
	RowPublisher<Row> stream(Statement<?> statement);

	/**
	 * Streams the rows of a statement with per-call stream options. See
	 * {@link #stream(StreamOptions, Statement, Function)}.
	 * @param options the stream options
	 * @param statement a simple, bound or built statement
	 * @return a cold publisher of the rows
	 * @throws NullPointerException if an argument is {@code null}
	 * @throws IllegalArgumentException if the statement is a batch
	 */
	RowPublisher<Row> stream(StreamOptions options, Statement<?> statement);

	/**
	 * Streams the rows of a statement, mapped to a user type, with backpressure: pages
	 * are fetched only on demand, at most {@link StreamOptions#prefetchPages()} pages are
	 * held at once (received or being fetched), and the memory a stream uses does not
	 * grow with the number of rows.
	 * <p>
	 * <b>Subscription and admission.</b> The returned publisher serves one subscriber.
	 * Subscribing admits the stream like a request: it takes an in-flight slot until it
	 * ends (see {@link #inFlightCount()}) and counts in
	 * {@link SessionStatistics#openStreams()}. A subscription made after close started
	 * receives {@code onSubscribe} then {@code onError} with
	 * {@link SessionClosedException} ({@code wasAdmitted() == false}).
	 * <p>
	 * <b>Threads.</b> Every signal ({@code onSubscribe}, {@code onNext}, {@code onError},
	 * {@code onComplete}) and every progress callback is delivered on the session's
	 * default executor, one at a time, never on a driver I/O thread.
	 * <p>
	 * <b>Pages.</b> Each page is a request of its own with the guarantees of
	 * {@link #execute(Statement)}: bounded by {@link StreamOptions#pageTimeout()} (else
	 * the statement's timeout, else the session's default, else the driver's request
	 * timeout), cancelled at the driver when the stream is cancelled or ends, and
	 * reported by one query event ({@code STREAM} for the first page, {@code PAGE} for
	 * the next ones, with the page's row count).
	 * <p>
	 * <b>Errors.</b> The error policy of {@code execute}: driver exceptions reach
	 * {@code onError} as themselves (for example {@code NoNodeAvailableException},
	 * {@code AllNodesFailedException} with its per-node errors, or
	 * {@code DriverTimeoutException}), never wrapped; a page that outlives its timeout's
	 * backstop fails with {@code QueryTimeoutException}; a throwing row mapper fails the
	 * stream with {@code UnexpectedFailureException} holding the cause. On any error the
	 * buffered pages and every reference to driver state are released at once.
	 * <p>
	 * <b>Cancellation.</b> {@code Subscription.cancel()} (or
	 * {@link RowPublisher#cancel()}) stops fetching at once, cancels the pending page
	 * request and releases the buffered pages and the stream's slot.
	 * <p>
	 * <b>Close.</b> A graceful {@link #closeAsync()} waits for open streams like for
	 * in-flight requests: their remaining pages are still fetched, within the drain
	 * bound. {@link #forceCloseAsync()}, or a graceful close running out of its drain
	 * bound, ends every open stream with {@code onError(SessionClosedException)}
	 * ({@code wasAdmitted() == true}).
	 * @param <T> the type of the elements
	 * @param options the stream options
	 * @param statement a simple, bound or built statement
	 * @param rowMapper turns each row into an element, on the signal thread; must not
	 * return {@code null}
	 * @return a cold publisher of the mapped rows
	 * @throws NullPointerException if an argument is {@code null}
	 * @throws IllegalArgumentException if the statement is a batch
	 */
	<T> RowPublisher<T> stream(StreamOptions options, Statement<?> statement, Function<Row, ? extends T> rowMapper);

	/**
	 * Closes gracefully: stops admitting requests at once (later calls fail with
	 * {@link SessionClosedException}), waits for in-flight requests up to the drain
	 * bound, force-closes the rest, then closes the wrapped {@code CqlSession} if the
	 * session owns it. Idempotent: every call, and {@link #forceCloseAsync()}, ends with
	 * the same outcome, and the {@code CqlSession} is closed once. Each call returns a
	 * future of its own: completing or cancelling it changes neither the close nor the
	 * futures of other callers.
	 * @return a future completing when everything is closed (the wrapped
	 * {@code CqlSession} too, when the session owns it), on the session's default
	 * executor
	 */
	CompletableFuture<Void> closeAsync();

	/**
	 * Closes at once: stops admitting requests, cancels in-flight requests (their futures
	 * fail with {@link SessionClosedException}), then force-closes the wrapped
	 * {@code CqlSession} if the session owns it. May be called during a graceful close to
	 * cut it short.
	 * @return a future of its own that ends like the one of {@link #closeAsync()}
	 */
	CompletableFuture<Void> forceCloseAsync();

	/**
	 * Whether closing has started; once {@code true}, no request is admitted.
	 * @return {@code true} after {@link #closeAsync()} or {@link #forceCloseAsync()}
	 */
	boolean isClosed();

	/**
	 * Requests admitted and not yet ended (follow-up page fetches included), plus open
	 * row streams: a subscribed stream counts {@code 1} until it ends, and {@code 1} more
	 * while one of its pages is being fetched (so a single stream reports {@code 2} while
	 * a page loads, {@code 1} while its subscriber consumes buffered rows). Requests
	 * waiting in the admission queue count too
	 * ({@link SessionStatistics#queuedRequests()} says how many).
	 * @return the number of requests and streams in flight
	 */
	long inFlightCount();

	/**
	 * A snapshot of this session's counters: in-flight work, open streams and the state
	 * of the query-event queue. Never blocks; cheap enough for every metrics scrape.
	 * @return the current statistics
	 */
	SessionStatistics statistics();

	/**
	 * The wrapped driver session, for what this API does not cover. Requests made on it
	 * directly bypass admission, timeouts, threading and close of this session.
	 * @return the driver session
	 */
	CqlSession cqlSession();

}
