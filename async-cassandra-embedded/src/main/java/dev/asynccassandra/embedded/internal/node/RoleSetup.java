package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.internal.driver.DriverSessions;

/**
 * Creates the configured superuser role on a node that requires authentication, logged in
 * as Cassandra's default superuser, then drops the default role; records in the data
 * folder that roles are set up, so that a later rejection is known to be final.
 */
final class RoleSetup {

	private static final String MARKER = "roles-created-for";

	private RoleSetup() {
	}

	/**
	 * Returns whether an earlier start on the folder created the roles.
	 * @param directory the node's folder layout
	 * @return whether roles were set up
	 */
	static boolean done(NodeDirectory directory) {
		return Files.isRegularFile(directory.root().resolve(MARKER));
	}

	/**
	 * Creates (or updates) the role and drops the default one.
	 * @param contactPoint the node's CQL address
	 * @param credentials the role to create
	 * @param directory the node's folder layout
	 */
	static void createRole(InetSocketAddress contactPoint, NodeCredentials credentials, NodeDirectory directory) {
		String role = '"' + credentials.username().replace("\"", "\"\"") + '"';
		String password = "'" + credentials.password().replace("'", "''") + "'";
		try {
			runStatements(contactPoint, credentials, role, password);
		}
		catch (RuntimeException ex) {
			// Never the cause: a server message might quote the statement.
			String reason = String.valueOf(ex.getMessage()).replace(credentials.password(), "******");
			throw new EmbeddedCassandraException(
					"Cannot create the superuser role '" + credentials.username() + "' on the Cassandra node on "
							+ contactPoint + ": " + ex.getClass().getSimpleName() + ": " + reason);
		}
		try {
			Files.writeString(directory.root().resolve(MARKER), credentials.username() + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new EmbeddedCassandraException("Cannot write " + directory.root().resolve(MARKER), ex);
		}
	}

	private static void runStatements(InetSocketAddress contactPoint, NodeCredentials credentials, String role,
			String password) {
		NodeCredentials defaults = NodeCredentials.CASSANDRA_DEFAULT;
		try (CqlSession session = DriverSessions.probeBuilder(contactPoint)
			.withAuthCredentials(defaults.username(), defaults.password())
			.build()) {
			if (credentials.username().equals(defaults.username())) {
				session.execute("ALTER ROLE " + role + " WITH PASSWORD = " + password);
			}
			else {
				session.execute("CREATE ROLE IF NOT EXISTS " + role + " WITH PASSWORD = " + password
						+ " AND SUPERUSER = true AND LOGIN = true");
			}
		}
		if (!credentials.username().equals(defaults.username())) {
			try (CqlSession session = DriverSessions.probeBuilder(contactPoint)
				.withAuthCredentials(credentials.username(), credentials.password())
				.build()) {
				session.execute("DROP ROLE IF EXISTS " + defaults.username());
			}
		}
	}

}
