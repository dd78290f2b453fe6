package dev.asynccassandra.api.error;

import java.net.ConnectException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.UnsupportedProtocolVersionException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.CrcMismatchException;
import com.datastax.oss.driver.api.core.connection.FrameTooLongException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.CDCWriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ProtocolError;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a failed request can be retried, must not be, or may already have been
 * applied. Stateless and thread-safe.
 * <p>
 * {@link #classify(Throwable, boolean)} takes the request's idempotence: a request is
 * idempotent when applying it twice has the same effect as once (see
 * {@code Statement.isIdempotent()}; the driver's default,
 * {@code basic.request.default-idempotence}, is {@code false}). For an idempotent request
 * "may have been applied" does not matter, so most {@link FailureKind#UNKNOWN_OUTCOME}
 * cases become {@link FailureKind#RETRYABLE}; counter updates and lightweight
 * transactions never do. {@link #classify(Throwable)} assumes the request is not
 * idempotent.
 * <p>
 * Wrappers are looked through first: {@code CompletionException},
 * {@code ExecutionException}, the driver's {@code DriverExecutionException}, this
 * library's {@link AsyncCassandraException} (such as {@link UnexpectedFailureException}
 * or {@link CompletionRejectedException}) and any other type not listed below are
 * classified by their cause (up to {@value #MAX_CAUSE_DEPTH} levels); a type not listed
 * and without a cause gets the default. Types are in
 * {@code com.datastax.oss.driver.api.core} and its {@code servererrors},
 * {@code connection}, {@code auth} and {@code type.codec} packages unless qualified.
 * <table class="striped">
 * <caption>Classification by failure type</caption> <thead>
 * <tr>
 * <th scope="col">Failure</th>
 * <th scope="col">Not idempotent</th>
 * <th scope="col">Idempotent</th>
 * <th scope="col">Why</th>
 * </tr>
 * </thead> <tbody>
 * <tr>
 * <td>{@code ReadTimeoutException}</td>
 * <td>RETRYABLE</td>
 * <td>RETRYABLE</td>
 * <td>Too few replicas answered a read in time. Reads change nothing; in a lightweight
 * transaction Cassandra reports it from the read phase, before the caller's value is
 * proposed.</td>
 * </tr>
 * <tr>
 * <td>{@code WriteTimeoutException}, write type {@code SIMPLE}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>Too few replicas acknowledged in time; the others may have applied the write, and
 * Cassandra never rolls back.</td>
 * </tr>
 * <tr>
 * <td>... {@code BATCH}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>The batch log was written, so Cassandra will replay the whole batch: it is very
 * likely to be applied; never treat it as failed.</td>
 * </tr>
 * <tr>
 * <td>... {@code UNLOGGED_BATCH}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>Any subset of the batch's statements may have been applied.</td>
 * </tr>
 * <tr>
 * <td>... {@code COUNTER}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>Counter updates are never idempotent, whatever the flag says: a retry may count
 * twice.</td>
 * </tr>
 * <tr>
 * <td>... {@code BATCH_LOG}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>Timed out writing the batch log: the mutations were not sent, but a batch-log
 * replica that stored the batch may still replay it (the driver retries it only when
 * idempotent).</td>
 * </tr>
 * <tr>
 * <td>... {@code CAS}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>A Paxos round timed out; the proposal may still be committed. A retry would answer
 * "not applied" without telling whether the first attempt won: read at {@code SERIAL}
 * instead.</td>
 * </tr>
 * <tr>
 * <td>... {@code VIEW}, {@code CDC}, other</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>Some replicas could not take the materialized-view lock or had no CDC space in
 * time; others may have applied the write.</td>
 * </tr>
 * <tr>
 * <td>{@code UnavailableException}</td>
 * <td>RETRYABLE</td>
 * <td>RETRYABLE</td>
 * <td>The coordinator saw too few live replicas and sent nothing.</td>
 * </tr>
 * <tr>
 * <td>{@code BootstrappingException}</td>
 * <td>RETRYABLE</td>
 * <td>RETRYABLE</td>
 * <td>The node is still joining and refused the request (the driver itself moves to the
 * next node whatever the idempotence).</td>
 * </tr>
 * <tr>
 * <td>{@code OverloadedException}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>Usually raised before execution (rate limiting), but also by the hint limit while a
 * write is being sent to replicas; the driver retries it only when idempotent. Back off
 * before retrying.</td>
 * </tr>
 * <tr>
 * <td>{@code ServerError}, {@code TruncateException},
 * {@code CDCWriteFailureException}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>The coordinator failed at an unknown stage, the truncation may have completed on
 * some nodes, or the coordinator had no CDC space while other replicas may have applied
 * the write.</td>
 * </tr>
 * <tr>
 * <td>{@code ReadFailureException}</td>
 * <td>NOT_RETRYABLE</td>
 * <td>NOT_RETRYABLE</td>
 * <td>Replicas failed to execute the read (typically too many tombstones); nothing
 * changed, but the same read fails again (the driver never retries it).</td>
 * </tr>
 * <tr>
 * <td>{@code WriteFailureException}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>NOT_RETRYABLE ({@code COUNTER}, {@code CAS}: UNKNOWN_OUTCOME)</td>
 * <td>Some replicas failed to apply the write, others may have applied it; the same write
 * is expected to fail again (the driver never retries it).</td>
 * </tr>
 * <tr>
 * <td>{@code CASWriteUnknownException}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>Cassandra says itself that the lightweight transaction's outcome is unknown.</td>
 * </tr>
 * <tr>
 * <td>{@code FunctionFailureException}</td>
 * <td>NOT_RETRYABLE</td>
 * <td>NOT_RETRYABLE</td>
 * <td>A user-defined function threw; it will throw again on the same input.</td>
 * </tr>
 * <tr>
 * <td>{@code SyntaxError}, {@code InvalidQueryException}, {@code AlreadyExistsException},
 * {@code InvalidConfigurationInQueryException}, {@code UnauthorizedException} (every
 * {@code QueryValidationException})</td>
 * <td>NOT_RETRYABLE</td>
 * <td>NOT_RETRYABLE</td>
 * <td>Rejected before execution; the query, schema or permissions must change first. An
 * "unconfigured table" right after a schema change is cured by waiting for schema
 * agreement, not by retrying.</td>
 * </tr>
 * <tr>
 * <td>{@code ProtocolError}, {@code UnsupportedProtocolVersionException},
 * {@code FrameTooLongException}</td>
 * <td>NOT_RETRYABLE</td>
 * <td>NOT_RETRYABLE</td>
 * <td>Driver and server disagree on the protocol, or the frame exceeds the protocol
 * limit: the same request fails the same way.</td>
 * </tr>
 * <tr>
 * <td>{@code AuthenticationException}, {@code InvalidKeyspaceException},
 * {@code CodecNotFoundException}</td>
 * <td>NOT_RETRYABLE</td>
 * <td>NOT_RETRYABLE</td>
 * <td>Wrong credentials, unknown keyspace, no codec for a Java/CQL type pair: raised
 * before any request is executed; configuration or code must change.</td>
 * </tr>
 * <tr>
 * <td>{@code DriverTimeoutException}, {@link QueryTimeoutException}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>The client stopped waiting; the request may have been executed.</td>
 * </tr>
 * <tr>
 * <td>{@link SessionClosedException}, not admitted</td>
 * <td>NOT_RETRYABLE</td>
 * <td>NOT_RETRYABLE</td>
 * <td>The session was closed before the request was sent: nothing was applied, and this
 * session refuses every later request (another session may take it).</td>
 * </tr>
 * <tr>
 * <td>{@link SessionClosedException}, admitted</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>A force close abandoned the request in flight: it may have been executed, and this
 * session cannot run it again.</td>
 * </tr>
 * <tr>
 * <td>{@link SessionBusyException}</td>
 * <td>RETRYABLE</td>
 * <td>RETRYABLE</td>
 * <td>The session had its maximum in flight and its admission queue was full, or the
 * request's timeout passed in the queue: nothing was sent. Back off before retrying.</td>
 * </tr>
 * <tr>
 * <td>{@code ClosedConnectionException}, {@code HeartbeatException},
 * {@code CrcMismatchException}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>The connection was lost or corrupted with the request in flight; it may have been
 * executed (the driver retries these only when idempotent).</td>
 * </tr>
 * <tr>
 * <td>{@code BusyConnectionException}, {@code NodeUnavailableException},
 * {@code RequestThrottlingException}</td>
 * <td>RETRYABLE</td>
 * <td>RETRYABLE</td>
 * <td>Refused on the client before the request was written: no free stream id, node not
 * usable, or the throttler's queue full or timed out. Back off before retrying.</td>
 * </tr>
 * <tr>
 * <td>{@code NoNodeAvailableException}</td>
 * <td>RETRYABLE</td>
 * <td>RETRYABLE</td>
 * <td>No node could be tried, so nothing was sent; nodes may come back.</td>
 * </tr>
 * <tr>
 * <td>{@code AllNodesFailedException}</td>
 * <td colspan="2">from its per-node errors ({@code getAllErrors()}, every attempt):
 * RETRYABLE if all are RETRYABLE (or there are none), else UNKNOWN_OUTCOME if any is,
 * else NOT_RETRYABLE</td>
 * <td>Each node tried failed on its own; one attempt that may have been applied makes the
 * whole request uncertain, one deterministic failure (such as wrong credentials) makes a
 * retry pointless.</td>
 * </tr>
 * <tr>
 * <td>{@code ConnectionInitException}, {@code java.net.ConnectException}</td>
 * <td>RETRYABLE</td>
 * <td>RETRYABLE</td>
 * <td>The connection never opened, so nothing was sent on it; a connection-initialization
 * failure caused by a NOT_RETRYABLE error (such as wrong credentials) is
 * NOT_RETRYABLE.</td>
 * </tr>
 * <tr>
 * <td>{@code IllegalArgumentException}, {@code NullPointerException},
 * {@code IllegalStateException}, {@code UnsupportedOperationException}</td>
 * <td>NOT_RETRYABLE</td>
 * <td>NOT_RETRYABLE</td>
 * <td>Bad input or misuse (such as a closed session or a missing page), detected before
 * any I/O.</td>
 * </tr>
 * <tr>
 * <td>{@code java.util.concurrent.TimeoutException}, {@code CancellationException},
 * {@code InterruptedException}</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>RETRYABLE</td>
 * <td>The caller stopped waiting; the request may have been executed.</td>
 * </tr>
 * <tr>
 * <td>anything else, without a cause</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>UNKNOWN_OUTCOME</td>
 * <td>Default: nothing proves that the request was not applied, nor that a retry could
 * succeed.</td>
 * </tr>
 * </tbody>
 * </table>
 *
 * @since 0.1.0
 */
public final class FailureClassifier {

	/**
	 * How many wrappers and per-node errors are looked through before giving up with
	 * {@link FailureKind#UNKNOWN_OUTCOME}.
	 */
	public static final int MAX_CAUSE_DEPTH = 16;

	private FailureClassifier() {
	}

	/**
	 * Classifies the failure of a request that is not idempotent (the driver's default).
	 * @param failure the failure, as seen by the caller
	 * @return how to react to it
	 * @see #classify(Throwable, boolean)
	 */
	public static FailureKind classify(Throwable failure) {
		return classify(failure, false);
	}

	/**
	 * Classifies the failure of a request, as documented in the table of this class.
	 * @param failure the failure, as seen by the caller
	 * @param idempotent whether applying the request twice has the same effect as once
	 * @return how to react to it
	 */
	public static FailureKind classify(Throwable failure, boolean idempotent) {
		Objects.requireNonNull(failure, "'failure' must not be null");
		return classify(failure, idempotent, 0);
	}

	private static FailureKind classify(Throwable failure, boolean idempotent, int depth) {
		FailureKind kind = classifyKnownType(failure, idempotent, depth);
		if (kind != null) {
			return kind;
		}
		Throwable cause = failure.getCause();
		if (cause != null && cause != failure && depth < MAX_CAUSE_DEPTH) {
			return classify(cause, idempotent, depth + 1);
		}
		return FailureKind.UNKNOWN_OUTCOME;
	}

	private static @Nullable FailureKind classifyKnownType(Throwable failure, boolean idempotent, int depth) {
		if (failure instanceof NoNodeAvailableException) {
			return FailureKind.RETRYABLE;
		}
		if (failure instanceof AllNodesFailedException allNodesFailed) {
			return classifyAllNodesFailed(allNodesFailed, idempotent, depth);
		}
		if (failure instanceof WriteTimeoutException writeTimeout) {
			return maybeApplied(idempotent && isIdempotentByNature(writeTimeout.getWriteType()));
		}
		if (failure instanceof WriteFailureException writeFailure) {
			if (!idempotent || !isIdempotentByNature(writeFailure.getWriteType())) {
				return FailureKind.UNKNOWN_OUTCOME;
			}
			return FailureKind.NOT_RETRYABLE;
		}
		if (failure instanceof ConnectionInitException) {
			Throwable cause = failure.getCause();
			boolean causeIsFinal = cause != null && depth < MAX_CAUSE_DEPTH
					&& classify(cause, idempotent, depth + 1) == FailureKind.NOT_RETRYABLE;
			return causeIsFinal ? FailureKind.NOT_RETRYABLE : FailureKind.RETRYABLE;
		}
		if (failure instanceof SessionClosedException sessionClosed) {
			return sessionClosed.wasAdmitted() ? FailureKind.UNKNOWN_OUTCOME : FailureKind.NOT_RETRYABLE;
		}
		if (failure instanceof SessionBusyException) {
			return FailureKind.RETRYABLE;
		}
		if (failure instanceof CASWriteUnknownException) {
			return FailureKind.UNKNOWN_OUTCOME;
		}
		if (failure instanceof ReadTimeoutException || failure instanceof UnavailableException
				|| failure instanceof BootstrappingException || failure instanceof BusyConnectionException
				|| failure instanceof NodeUnavailableException || failure instanceof RequestThrottlingException
				|| failure instanceof ConnectException) {
			return FailureKind.RETRYABLE;
		}
		if (failure instanceof OverloadedException || failure instanceof ServerError
				|| failure instanceof TruncateException || failure instanceof CDCWriteFailureException
				|| failure instanceof DriverTimeoutException || failure instanceof QueryTimeoutException
				|| failure instanceof ClosedConnectionException || failure instanceof HeartbeatException
				|| failure instanceof CrcMismatchException || failure instanceof TimeoutException
				|| failure instanceof CancellationException || failure instanceof InterruptedException) {
			return maybeApplied(idempotent);
		}
		if (failure instanceof QueryValidationException || failure instanceof ReadFailureException
				|| failure instanceof FunctionFailureException || failure instanceof ProtocolError
				|| failure instanceof AuthenticationException || failure instanceof InvalidKeyspaceException
				|| failure instanceof CodecNotFoundException || failure instanceof FrameTooLongException
				|| failure instanceof UnsupportedProtocolVersionException || failure instanceof IllegalArgumentException
				|| failure instanceof NullPointerException || failure instanceof IllegalStateException
				|| failure instanceof UnsupportedOperationException) {
			return FailureKind.NOT_RETRYABLE;
		}
		return null;
	}

	private static FailureKind classifyAllNodesFailed(AllNodesFailedException failure, boolean idempotent, int depth) {
		if (depth >= MAX_CAUSE_DEPTH) {
			return FailureKind.UNKNOWN_OUTCOME;
		}
		FailureKind result = FailureKind.RETRYABLE;
		for (List<Throwable> nodeErrors : failure.getAllErrors().values()) {
			for (Throwable nodeError : nodeErrors) {
				FailureKind kind = classify(nodeError, idempotent, depth + 1);
				if (kind == FailureKind.UNKNOWN_OUTCOME) {
					return kind;
				}
				if (kind == FailureKind.NOT_RETRYABLE) {
					result = kind;
				}
			}
		}
		return result;
	}

	/**
	 * Counter updates and lightweight transactions stay uncertain even when the statement
	 * is flagged idempotent.
	 */
	private static boolean isIdempotentByNature(@Nullable WriteType writeType) {
		if (writeType == null) {
			return true;
		}
		String name = writeType.name();
		return !"COUNTER".equals(name) && !"CAS".equals(name);
	}

	private static FailureKind maybeApplied(boolean idempotent) {
		return idempotent ? FailureKind.RETRYABLE : FailureKind.UNKNOWN_OUTCOME;
	}

}
