package dev.asynccassandra.embedded.api;

/**
 * Thrown when a node that requires authentication rejects the readiness check's login: no
 * credentials were configured, or the data folder keeps a role created with other
 * credentials. The message names the user, never the password. The node is stopped.
 *
 * @since 0.1.0
 */
public class EmbeddedCassandraAuthenticationException extends EmbeddedCassandraException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message the description of the failure
	 */
	public EmbeddedCassandraAuthenticationException(String message) {
		super(message);
	}

}
