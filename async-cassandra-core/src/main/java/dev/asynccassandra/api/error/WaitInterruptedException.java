package dev.asynccassandra.api.error;

import java.util.Objects;

/**
 * A thread was interrupted while it waited for a request or a close of the session. The
 * {@link InterruptedException} is the {@linkplain #getCause() cause}, and the thread's
 * interrupt flag was set again when this exception was made, so code further up still
 * sees the interruption. The request may have been executed: {@link FailureClassifier}
 * classifies this like the client giving up on a request.
 *
 * @since 0.1.0
 */
public class WaitInterruptedException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param cause the interruption
	 */
	public WaitInterruptedException(InterruptedException cause) {
		super("Interrupted while waiting", Objects.requireNonNull(cause, "'cause' must not be null"));
	}

}
