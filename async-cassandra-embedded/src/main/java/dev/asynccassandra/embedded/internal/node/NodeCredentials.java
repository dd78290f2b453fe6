package dev.asynccassandra.embedded.internal.node;

import java.util.Objects;

import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import org.jspecify.annotations.Nullable;

/**
 * A user name and password for logging in to a node. {@link #toString()} never shows the
 * password.
 *
 * @param username the user name
 * @param password the password
 */
record NodeCredentials(String username, String password) {

	/**
	 * Cassandra's default superuser, created at the first start of a node that requires
	 * authentication.
	 */
	public static final NodeCredentials CASSANDRA_DEFAULT = new NodeCredentials("cassandra", "cassandra");

	/**
	 * Creates credentials.
	 * @param username the user name
	 * @param password the password
	 */
	public NodeCredentials {
		Objects.requireNonNull(username, "'username' must not be null");
		Objects.requireNonNull(password, "'password' must not be null");
	}

	/**
	 * Returns the credentials of a configuration.
	 * @param config the configuration
	 * @return the credentials, or {@code null} for a node without authentication
	 */
	public static @Nullable NodeCredentials of(EmbeddedCassandraConfig config) {
		String username = config.username();
		String password = config.password();
		return (username != null && password != null) ? new NodeCredentials(username, password) : null;
	}

	@Override
	public String toString() {
		return "NodeCredentials[username=" + this.username + ", password=******]";
	}

}
