package dev.asynccassandra.embedded.api.junit;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.internal.node.EmbeddedNode;

/**
 * A test class's keyspace and the session using it, kept in the class's JUnit store:
 * closing drops the keyspace, then closes the session.
 */
final class ClassKeyspace implements AutoCloseable {

	private final String name;

	private final CqlSession session;

	private ClassKeyspace(String name, CqlSession session) {
		this.name = name;
		this.session = session;
	}

	/**
	 * Creates the keyspace of a test class (replacing a leftover one) and a session using
	 * it.
	 * @param cassandra the node
	 * @param testClass the test class naming the keyspace
	 * @return the keyspace and its session
	 */
	static ClassKeyspace create(EmbeddedCassandra cassandra, Class<?> testClass) {
		String name = KeyspaceNames.forClass(testClass);
		try (CqlSession admin = EmbeddedNode.sessionBuilder(List.of(cassandra.contactPoint())).build()) {
			admin.execute("DROP KEYSPACE IF EXISTS " + name);
			admin.execute("CREATE KEYSPACE " + name
					+ " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
			admin.checkSchemaAgreement();
		}
		CqlSession session = EmbeddedNode.sessionBuilder(List.of(cassandra.contactPoint())).withKeyspace(name).build();
		return new ClassKeyspace(name, session);
	}

	/**
	 * Returns the keyspace name.
	 * @return the name
	 */
	String name() {
		return this.name;
	}

	/**
	 * Returns the session using the keyspace.
	 * @return the session
	 */
	CqlSession session() {
		return this.session;
	}

	@Override
	public void close() {
		try {
			this.session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + this.name));
		}
		finally {
			this.session.close();
		}
	}

}
