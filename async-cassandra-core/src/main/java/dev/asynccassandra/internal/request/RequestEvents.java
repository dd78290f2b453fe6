package dev.asynccassandra.internal.request;

import java.util.concurrent.CancellationException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.asynccassandra.api.error.CauseChain;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.SessionBusyException;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import org.jspecify.annotations.Nullable;

/**
 * The query events of a session's requests: one per request, with its outcome derived
 * from the failure the caller sees. A publisher that throws is ignored, so metrics never
 * fail a query.
 */
final class RequestEvents {

	private final QueryEventPublisher publisher;

	RequestEvents(QueryEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * Whether events go anywhere: {@code false} when the session has no listener, so a
	 * request need not claim its event.
	 */
	boolean isEnabled() {
		return this.publisher.isEnabled();
	}

	/**
	 * Publishes the event of a request that was refused before it was admitted.
	 */
	void refused(OperationKind kind, RequestContext context, Throwable refusal) {
		publish(kind, Outcome.REJECTED, refusal.getClass(), 0, 0, 0, context.statementName());
	}

	/**
	 * Publishes the event of an ended request; called only when {@link #isEnabled()}.
	 */
	void ended(OperationKind kind, RequestContext context, long startNanos, long waitNanos, int rows,
			@Nullable Throwable error) {
		long latencyNanos = System.nanoTime() - startNanos;
		if (error == null) {
			publish(kind, Outcome.SUCCESS, null, latencyNanos, waitNanos, rows, context.statementName());
			return;
		}
		Throwable failure = CauseChain.unwrap(error);
		publish(kind, outcomeOf(failure), failure.getClass(), latencyNanos, waitNanos, 0, context.statementName());
	}

	private static Outcome outcomeOf(Throwable failure) {
		if (failure instanceof CancellationException) {
			return Outcome.CANCELLED;
		}
		if (failure instanceof SessionBusyException
				|| (failure instanceof SessionClosedException closed && !closed.wasAdmitted())) {
			return Outcome.REJECTED;
		}
		if (failure instanceof DriverTimeoutException || failure instanceof QueryTimeoutException) {
			return Outcome.TIMEOUT;
		}
		return Outcome.FAILURE;
	}

	private void publish(OperationKind kind, Outcome outcome, @Nullable Class<? extends Throwable> exceptionClass,
			long latencyNanos, long waitNanos, int rows, @Nullable String statementName) {
		try {
			this.publisher
				.publish(new QueryEvent(kind, outcome, exceptionClass, latencyNanos, rows, statementName, waitNanos));
		}
		catch (Throwable ex) {
			// Metrics never fail a query: a publisher breaking its contract is ignored.
		}
	}

}
