package dev.asynccassandra.api.event;

/**
 * Receives {@link QueryEvent}s. Called on a single dedicated recorder thread, never on a
 * driver I/O thread and never on the query path: a listener that is slow or throws cannot
 * slow down or fail a query (slow listeners cause events to be dropped and counted
 * instead).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface QueryEventListener {

	/**
	 * Handles one event.
	 * @param event the event, never {@code null}
	 */
	void onEvent(QueryEvent event);

}
