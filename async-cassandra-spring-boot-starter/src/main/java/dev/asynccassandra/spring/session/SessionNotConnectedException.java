package dev.asynccassandra.spring.session;

import dev.asynccassandra.api.error.AsyncCassandraException;
import org.jspecify.annotations.Nullable;

/**
 * The session has not connected to Cassandra yet: the request was not sent. It keeps
 * connecting in the background with back-off; requests succeed once it has connected,
 * without a restart. The cause, when there is one, is the failure of the last connection
 * attempt (typically the driver's {@code AllNodesFailedException}).
 *
 * @since 0.1.0
 */
public class SessionNotConnectedException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/** How many connection attempts failed so far. */
	private final long attempts;

	/**
	 * Creates an exception.
	 * @param attempts connection attempts made so far
	 * @param lastFailure the failure of the last attempt, or {@code null} before the
	 * first attempt ended
	 */
	public SessionNotConnectedException(long attempts, @Nullable Throwable lastFailure) {
		super(message(attempts, lastFailure), lastFailure);
		this.attempts = attempts;
	}

	/**
	 * Connection attempts made so far when the request was refused.
	 * @return the number of attempts
	 */
	public long attempts() {
		return this.attempts;
	}

	private static String message(long attempts, @Nullable Throwable lastFailure) {
		String summary = (lastFailure != null) ? "; last failure: " + ConnectionFailures.summary(lastFailure) : "";
		return "Not connected to Cassandra yet, the request was not sent (" + attempts + " connection attempt(s)"
				+ summary + "); the session keeps connecting in the background";
	}

}
