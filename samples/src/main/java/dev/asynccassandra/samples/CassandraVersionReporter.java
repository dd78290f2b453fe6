package dev.asynccassandra.samples;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Prints the version of the Cassandra node the application is connected to.
 */
@Component
class CassandraVersionReporter implements ApplicationRunner {

	private final CqlSession session;

	CassandraVersionReporter(CqlSession session) {
		this.session = session;
	}

	@Override
	public void run(ApplicationArguments args) {
		Row row = this.session.execute("SELECT release_version FROM system.local").one();
		String version = (row != null) ? row.getString("release_version") : "unknown";
		System.out.println("Connected to Apache Cassandra " + version);
	}

}
