package dev.asynccassandra.api.error;

import java.util.Objects;

/**
 * A request failed for a reason that did not come from the driver, for example a bug in a
 * user's codec or result adapter, or the driver breaking its own contract with a plain
 * JDK exception. The original failure is the {@linkplain #getCause() cause}; the message
 * only names its type, so that bound values cannot leak through it.
 *
 * @since 0.1.0
 */
public class UnexpectedFailureException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param cause the original failure
	 */
	public UnexpectedFailureException(Throwable cause) {
		super("Request failed with " + Objects.requireNonNull(cause, "'cause' must not be null").getClass().getName(),
				cause);
	}

}
