package dev.asynccassandra.embedded.api.junit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every test class using {@link EmbeddedCassandraTest} may rely on: a keyspace of
 * its own, named after the class, on the one node all classes of the JVM share, with the
 * keyspace of a class that has finished dropped. It takes two classes to see it, so
 * {@link FirstExtensionIT} and {@link SecondExtensionIT} run these same tests, each
 * creating the same table in its own keyspace; whichever runs second compares with the
 * first.
 */
@EmbeddedCassandraTest
abstract class SharedNodeClassKeyspaceContract {

	/** The node's pid each class saw, by the class's keyspace. */
	private static final Map<String, Long> nodePidByKeyspace = new ConcurrentHashMap<>();

	private final String expectedKeyspace;

	SharedNodeClassKeyspaceContract(String expectedKeyspace) {
		this.expectedKeyspace = expectedKeyspace;
	}

	@BeforeAll
	static void createTable(CqlSession session) {
		session.execute("CREATE TABLE notes (id int PRIMARY KEY, text text)");
	}

	@Test
	void sessionUsesTheClassKeyspace(CqlSession session, EmbeddedKeyspace keyspace) {
		String text = "from " + getClass().getSimpleName();
		assertThat(keyspace.name()).isEqualTo(this.expectedKeyspace);
		assertThat(session.getKeyspace())
			.hasValueSatisfying((name) -> assertThat(name.asInternal()).isEqualTo(keyspace.name()));
		session.execute("INSERT INTO notes (id, text) VALUES (1, '" + text + "')");
		assertThat(session.execute("SELECT text FROM notes WHERE id = 1").one().getString("text")).isEqualTo(text);
	}

	@Test
	void classesShareOneNodeButNotTheirKeyspaces(EmbeddedCassandra cassandra, EmbeddedKeyspace keyspace,
			CqlSession session) {
		assertThat(cassandra.isRunning()).isTrue();
		long pid = cassandra.pid().orElseThrow();
		nodePidByKeyspace.put(keyspace.name(), pid);
		for (Map.Entry<String, Long> seen : nodePidByKeyspace.entrySet()) {
			assertThat(seen.getValue()).as("node of %s", seen.getKey()).isEqualTo(pid);
			if (!seen.getKey().equals(keyspace.name())) {
				assertThat(session.getMetadata().getKeyspace(seen.getKey())).as("keyspace of the earlier class")
					.isEmpty();
			}
		}
	}

}
