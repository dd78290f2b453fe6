package dev.asynccassandra.internal.observation;

import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import org.jspecify.annotations.Nullable;

/**
 * Starts the observation of each request of a session.
 */
public interface RequestObservations {

	/**
	 * Observes nothing.
	 */
	RequestObservations NONE = (kind, request, statementName) -> RequestObservation.NONE;

	/**
	 * Starts the observation of a request, on the thread that makes it.
	 * @param kind the kind of request
	 * @param request what the driver is called with: a {@code Statement}, the
	 * {@code SimpleStatement} of a preparation, or the {@code AsyncResultSet} whose next
	 * page is fetched
	 * @param statementName the logical statement name of the call, or {@code null}
	 * @return the started observation, to be stopped once when the request ends
	 */
	RequestObservation start(OperationKind kind, Object request, @Nullable String statementName);

}
