package dev.asynccassandra.internal.event;

import dev.asynccassandra.api.event.QueryEvent;

/**
 * The query path's only contact with observability: hands an event over without blocking,
 * and never throws.
 */
public interface QueryEventPublisher {

	/**
	 * Hands an event over for asynchronous delivery. Never blocks, never throws; may drop
	 * (and count) the event.
	 * @param event the event
	 */
	void publish(QueryEvent event);

	/**
	 * Whether publishing has any effect; the query path may skip building events when it
	 * has none.
	 * @return {@code true} if events are delivered somewhere
	 */
	default boolean isEnabled() {
		return true;
	}

	/**
	 * Events waiting for delivery right now.
	 * @return the queue size
	 */
	default int queueSize() {
		return 0;
	}

	/**
	 * The bound of the queue.
	 * @return the capacity, {@code 0} when nothing is queued
	 */
	default int capacity() {
		return 0;
	}

	/**
	 * Events discarded because the queue was full.
	 * @return the dropped count
	 */
	default long droppedCount() {
		return 0;
	}

	/**
	 * Events handed to listeners.
	 * @return the delivered count
	 */
	default long deliveredCount() {
		return 0;
	}

	/**
	 * Listener invocations that threw.
	 * @return the failure count
	 */
	default long listenerFailureCount() {
		return 0;
	}

	/**
	 * A publisher that discards every event.
	 * @return the no-op publisher
	 */
	static QueryEventPublisher noop() {
		return NoopQueryEventPublisher.INSTANCE;
	}

}
