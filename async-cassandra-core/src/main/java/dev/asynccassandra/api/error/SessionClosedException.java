package dev.asynccassandra.api.error;

import org.jspecify.annotations.Nullable;

/**
 * The session was closed: either the request was made after
 * {@code AsyncSession.closeAsync()} or {@code forceCloseAsync()} was called (the returned
 * future fails at once, no I/O happens), or the request was still in flight when the
 * session was force-closed (directly, or because a graceful close ran out of its drain
 * bound) and was cancelled.
 *
 * @since 0.1.0
 */
public class SessionClosedException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/** Whether the request had been admitted and was then cancelled by a forced close. */
	private final boolean admitted;

	/**
	 * Creates an exception.
	 * @param admitted whether the request had been admitted (and was then cancelled by a
	 * forced close) rather than refused before any I/O
	 */
	public SessionClosedException(boolean admitted) {
		this(admitted, null);
	}

	/**
	 * Creates an exception with a cause.
	 * @param admitted whether the request had been admitted (and was then ended by a
	 * forced close) rather than refused before any I/O
	 * @param cause the failure that reached the request after the forced close began, or
	 * {@code null}
	 */
	public SessionClosedException(boolean admitted, @Nullable Throwable cause) {
		super(admitted ? "Request ended because the session was force-closed"
				: "Session is closed; the request was not sent", cause);
		this.admitted = admitted;
	}

	/**
	 * Whether the request had been admitted and was then cancelled by a forced close;
	 * {@code false} when it was refused before any I/O.
	 * @return {@code true} if the request was in flight when the session was force-closed
	 */
	public boolean wasAdmitted() {
		return this.admitted;
	}

}
