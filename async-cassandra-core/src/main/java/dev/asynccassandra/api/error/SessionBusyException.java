package dev.asynccassandra.api.error;

import java.time.Duration;
import java.util.Objects;

/**
 * The session refused a request before sending it, because it already had its maximum
 * number of requests in flight and its admission queue could not take the request: the
 * queue was full ({@link Reason#QUEUE_FULL}, the future fails at once), or the request's
 * own timeout passed while it waited in the queue ({@link Reason#QUEUE_TIMEOUT}).
 * <p>
 * Nothing was sent to Cassandra, so the request can be retried whatever its idempotence
 * ({@link FailureClassifier} says {@link FailureKind#RETRYABLE}); back off first, the
 * session is saturated. The bound and the queue are set with
 * {@code AsyncSessionBuilder.withMaxRequestsInFlight} and {@code withMaxQueuedRequests}
 * (Spring Boot: {@code async-cassandra.request.max-in-flight} and
 * {@code async-cassandra.request.max-queued}).
 *
 * @since 0.1.0
 */
public class SessionBusyException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/** Why the request was refused. */
	private final Reason reason;

	/** The session's bound on requests in flight. */
	private final int maxInFlight;

	/** The session's bound on requests waiting in the admission queue. */
	private final int maxQueued;

	/**
	 * Creates an exception.
	 * @param reason why the request was refused
	 * @param maxInFlight the session's bound on requests in flight
	 * @param maxQueued the bound of its admission queue
	 * @param timeout the request's timeout (reported for {@link Reason#QUEUE_TIMEOUT})
	 */
	public SessionBusyException(Reason reason, int maxInFlight, int maxQueued, Duration timeout) {
		super(message(reason, maxInFlight, maxQueued, timeout), null);
		this.reason = Objects.requireNonNull(reason, "'reason' must not be null");
		this.maxInFlight = maxInFlight;
		this.maxQueued = maxQueued;
	}

	private static String message(Reason reason, int maxInFlight, int maxQueued, Duration timeout) {
		if (reason == Reason.QUEUE_FULL) {
			return "Session busy: " + maxInFlight + " requests in flight and " + maxQueued
					+ " waiting (the admission queue is full); the request was not sent";
		}
		return "Session busy: the request waited its whole timeout of " + timeout + " for one of " + maxInFlight
				+ " in-flight slots; the request was not sent";
	}

	/**
	 * Why the request was refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * The session's bound on requests in flight when the request was refused.
	 * @return the bound
	 */
	public int maxInFlight() {
		return this.maxInFlight;
	}

	/**
	 * The bound of the session's admission queue.
	 * @return the bound
	 */
	public int maxQueued() {
		return this.maxQueued;
	}

	/**
	 * Why a {@link SessionBusyException} was raised.
	 *
	 * @since 0.1.0
	 */
	public enum Reason {

		/** The admission queue was full: the request failed at once. */
		QUEUE_FULL,

		/** The request's timeout passed while it waited in the admission queue. */
		QUEUE_TIMEOUT

	}

}
