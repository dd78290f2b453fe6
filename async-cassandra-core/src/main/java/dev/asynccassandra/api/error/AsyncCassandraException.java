package dev.asynccassandra.api.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions raised by async-cassandra itself.
 * <p>
 * Failures reported by the Cassandra driver ({@code DriverException} and its subtypes,
 * such as {@code AllNodesFailedException}, {@code DriverTimeoutException} or
 * {@code InvalidQueryException}) are never wrapped: they fail the returned futures as
 * themselves. Subclasses of this type describe what the library adds: a closed session, a
 * timeout seen by the library's own timer, a completion executor that refused work, or a
 * failure that did not come from the driver at all (the original is the cause).
 * {@link FailureClassifier} tells whether any of these failures can be retried.
 * <p>
 * Messages never contain bound values or credentials.
 *
 * @since 0.1.0
 */
public abstract class AsyncCassandraException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message the message, free of bound values and credentials
	 * @param cause the cause, or {@code null}
	 */
	protected AsyncCassandraException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
