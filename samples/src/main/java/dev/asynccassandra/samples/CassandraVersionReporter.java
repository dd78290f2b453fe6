package dev.asynccassandra.samples;

import java.util.Iterator;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncSession;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Prints the version of the Cassandra node the application is connected to, read through
 * the auto-configured {@link AsyncSession}.
 */
@Component
class CassandraVersionReporter implements ApplicationRunner {

	private final AsyncSession session;

	CassandraVersionReporter(AsyncSession session) {
		this.session = session;
	}

	@Override
	public void run(ApplicationArguments args) {
		String version = this.session.execute("SELECT release_version FROM system.local").thenApply((result) -> {
			Iterator<Row> rows = result.currentPage().iterator();
			return rows.hasNext() ? rows.next().getString("release_version") : "unknown";
		}).join();
		System.out.println("Connected to Apache Cassandra " + version);
	}

}
