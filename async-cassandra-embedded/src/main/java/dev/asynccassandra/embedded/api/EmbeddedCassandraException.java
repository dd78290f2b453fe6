package dev.asynccassandra.embedded.api;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an embedded node or cluster cannot be started, reached or stopped. The
 * message names the cause (the address and port in use, the unusable folder or Java
 * home); startup failures are {@link EmbeddedCassandraStartupException}s carrying the
 * node's log tail.
 *
 * @since 0.1.0
 */
public class EmbeddedCassandraException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message the description of the failure
	 */
	public EmbeddedCassandraException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message the description of the failure
	 * @param cause the underlying failure, or {@code null}
	 */
	public EmbeddedCassandraException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
