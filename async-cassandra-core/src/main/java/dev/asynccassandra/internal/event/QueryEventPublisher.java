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
	 * A publisher that discards every event.
	 * @return the no-op publisher
	 */
	static QueryEventPublisher noop() {
		return NoopQueryEventPublisher.INSTANCE;
	}

}
