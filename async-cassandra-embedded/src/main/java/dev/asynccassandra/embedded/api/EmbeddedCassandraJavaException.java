package dev.asynccassandra.embedded.api;

/**
 * Thrown when no Java runtime able to run Cassandra (17 to 21) is found, or the one
 * configured is not usable. The message lists where it looked.
 *
 * @since 0.1.0
 */
public class EmbeddedCassandraJavaException extends EmbeddedCassandraException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message the description of the failure
	 */
	public EmbeddedCassandraJavaException(String message) {
		super(message);
	}

}
