package dev.asynccassandra.api.event;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one request made through an {@code AsyncSession}: published after the
 * request ended, off the query path, to every registered {@link QueryEventListener}.
 * <p>
 * Events never carry CQL text, bound values or credentials.
 *
 * @param operation the kind of request
 * @param outcome how the request ended
 * @param exceptionClass the class of the failure the caller saw, or {@code null} when the
 * request succeeded
 * @param latencyNanos time from admission to completion, in nanoseconds
 * @param rows rows in the page that was returned, {@code 0} when none or unknown
 * @param statementName logical statement name given by the caller, or {@code null}
 * @since 0.1.0
 */
public record QueryEvent(OperationKind operation, Outcome outcome, @Nullable Class<? extends Throwable> exceptionClass,
		long latencyNanos, int rows, @Nullable String statementName) {

	/**
	 * Checks the arguments.
	 * @param operation the kind of request
	 * @param outcome how the request ended
	 * @param exceptionClass the class of the failure the caller saw, or {@code null} when
	 * the request succeeded
	 * @param latencyNanos time from admission to completion, in nanoseconds
	 * @param rows rows in the page that was returned, {@code 0} when none or unknown
	 * @param statementName logical statement name given by the caller, or {@code null}
	 */
	public QueryEvent {
		Objects.requireNonNull(operation, "'operation' must not be null");
		Objects.requireNonNull(outcome, "'outcome' must not be null");
	}

	/**
	 * The kind of request an event describes.
	 *
	 * @since 0.1.0
	 */
	public enum OperationKind {

		/** A single statement (simple, bound or built). */
		EXECUTE,

		/** Preparation of a statement. */
		PREPARE,

		/** A batch statement. */
		BATCH,

		/** A follow-up page of a paged result or of a row stream. */
		PAGE,

		/**
		 * The first page of a row stream: one event per stream; its later pages are
		 * {@link #PAGE}.
		 */
		STREAM

	}

	/**
	 * How a request ended.
	 *
	 * @since 0.1.0
	 */
	public enum Outcome {

		/** The request completed normally. */
		SUCCESS,

		/** The request failed with an error other than a timeout. */
		FAILURE,

		/** The request did not complete within its timeout. */
		TIMEOUT,

		/** The caller cancelled the request. */
		CANCELLED,

		/**
		 * The request was refused before any I/O, for example because the session was
		 * closed.
		 */
		REJECTED

	}

}
