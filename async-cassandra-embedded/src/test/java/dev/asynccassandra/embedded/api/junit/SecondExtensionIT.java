package dev.asynccassandra.embedded.api.junit;

import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedCassandraTest
class SecondExtensionIT {

	@BeforeAll
	static void createTable(CqlSession session) {
		session.execute("CREATE TABLE notes (id int PRIMARY KEY, text text)");
	}

	@Test
	void sessionUsesTheClassKeyspace(CqlSession session, EmbeddedKeyspace keyspace) {
		assertThat(keyspace.name()).isEqualTo("second_extension_it");
		assertThat(session.getKeyspace())
			.hasValueSatisfying((name) -> assertThat(name.asInternal()).isEqualTo(keyspace.name()));
		session.execute("INSERT INTO notes (id, text) VALUES (1, 'from SecondExtensionIT')");
		assertThat(session.execute("SELECT text FROM notes WHERE id = 1").one().getString("text"))
			.isEqualTo("from SecondExtensionIT");
	}

	@Test
	void classesShareOneNodeButNotTheirKeyspaces(EmbeddedCassandra cassandra, EmbeddedKeyspace keyspace,
			CqlSession session) {
		assertThat(cassandra.isRunning()).isTrue();
		long pid = cassandra.pid().orElseThrow();
		ExtensionObservations.nodePidByKeyspace.put(keyspace.name(), pid);
		for (Map.Entry<String, Long> seen : ExtensionObservations.nodePidByKeyspace.entrySet()) {
			assertThat(seen.getValue()).as("node of %s", seen.getKey()).isEqualTo(pid);
			if (!seen.getKey().equals(keyspace.name())) {
				assertThat(session.getMetadata().getKeyspace(seen.getKey())).as("keyspace of the earlier class")
					.isEmpty();
			}
		}
	}

}
