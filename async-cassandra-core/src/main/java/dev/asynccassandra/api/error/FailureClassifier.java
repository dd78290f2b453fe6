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
 * Wrappers are looked through with {@link CauseChain}: {@code CompletionException},
 * {@code ExecutionException}, the driver's {@code DriverExecutionException}, this
 * library's {@link AsyncCassandraException}s (such as {@link UnexpectedFailureException})
 * and any other type the table does not list are classified by their cause (up to
 * {@value #MAX_CAUSE_DEPTH} levels, per-node errors of an {@code AllNodesFailedException}
 * included); a type not listed and without a cause gets
 * {@link FailureKind#UNKNOWN_OUTCOME}.
 * <p>
 * The classification of every failure type, with the reason for each, is the table "Can I
 * retry?" of the error policy, {@code docs/errors.md} (<a href=
 * "https://github.com/async-cassandra/async-cassandra/blob/main/docs/errors.md#can-i-retry-failureclassifier">online</a>);
 * {@code FailureClassifierTests} pins every row of it.
 *
 * @since 0.1.0
 */
public final class FailureClassifier {

	/**
	 * How many wrappers and per-node errors are looked through before giving up with
	 * {@link FailureKind#UNKNOWN_OUTCOME}.
	 */
	public static final int MAX_CAUSE_DEPTH = CauseChain.MAX_DEPTH;

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
	 * Classifies the failure of a request, as documented in {@code docs/errors.md}.
	 * @param failure the failure, as seen by the caller
	 * @param idempotent whether applying the request twice has the same effect as once
	 * @return how to react to it
	 */
	public static FailureKind classify(Throwable failure, boolean idempotent) {
		Objects.requireNonNull(failure, "'failure' must not be null");
		return classify(failure, idempotent, 0);
	}

	/**
	 * Classifies the first failure of the chain whose type is known, starting
	 * {@code depth} levels below the failure the caller passed.
	 */
	private static FailureKind classify(Throwable failure, boolean idempotent, int depth) {
		FailureKind kind = CauseChain.walk(failure, MAX_CAUSE_DEPTH - depth,
				(cause, level) -> classifyKnownType(cause, idempotent, depth + level));
		return (kind != null) ? kind : FailureKind.UNKNOWN_OUTCOME;
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
				|| failure instanceof CancellationException || failure instanceof InterruptedException
				|| failure instanceof WaitInterruptedException) {
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
