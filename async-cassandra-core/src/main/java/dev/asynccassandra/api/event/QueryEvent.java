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
 * @param latencyNanos time from the call to completion, in nanoseconds (including any
 * wait in the admission queue)
 * @param rows rows in the page that was returned, {@code 0} when none or unknown
 * @param statementName logical statement name given by the caller, or {@code null}
 * @param admissionWaitNanos how long the request waited in the session's admission queue
 * for one of its in-flight slots, in nanoseconds; {@code 0} when it did not wait (a slot
 * was free)
 * @since 0.1.0
 */
public record QueryEvent(OperationKind operation, Outcome outcome, @Nullable Class<? extends Throwable> exceptionClass,
		long latencyNanos, int rows, @Nullable String statementName, long admissionWaitNanos) {

	/**
	 * Checks the arguments.
	 * @param operation the kind of request
	 * @param outcome how the request ended
	 * @param exceptionClass the class of the failure the caller saw, or {@code null} when
	 * the request succeeded
	 * @param latencyNanos time from the call to completion, in nanoseconds (including any
	 * wait in the admission queue)
	 * @param rows rows in the page that was returned, {@code 0} when none or unknown
	 * @param statementName logical statement name given by the caller, or {@code null}
	 * @param admissionWaitNanos how long the request waited in the admission queue, in
	 * nanoseconds; {@code 0} when a slot was free
	 */
	public QueryEvent {
		Objects.requireNonNull(operation, "'operation' must not be null");
		Objects.requireNonNull(outcome, "'outcome' must not be null");
	}

	/**
	 * An event of a request that did not wait in the admission queue.
	 * @param operation the kind of request
	 * @param outcome how the request ended
	 * @param exceptionClass the class of the failure the caller saw, or {@code null}
	 * @param latencyNanos time from the call to completion, in nanoseconds
	 * @param rows rows in the page that was returned
	 * @param statementName logical statement name, or {@code null}
	 */
	public QueryEvent(OperationKind operation, Outcome outcome, @Nullable Class<? extends Throwable> exceptionClass,
			long latencyNanos, int rows, @Nullable String statementName) {
		this(operation, outcome, exceptionClass, latencyNanos, rows, statementName, 0);
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
		 * The request was refused before any I/O: the session was closed, or it was busy
		 * (its admission queue full, or the request's timeout passed while it waited
		 * there).
		 */
		REJECTED

	}

}
