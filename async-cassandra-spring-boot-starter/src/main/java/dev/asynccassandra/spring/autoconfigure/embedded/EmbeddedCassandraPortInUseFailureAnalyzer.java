package dev.asynccassandra.spring.autoconfigure.embedded;

import dev.asynccassandra.embedded.api.EmbeddedCassandraPortInUseException;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a dev-mode node that cannot start because its native transport (CQL) or
 * storage port is taken, naming the property that moves it.
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraPortInUseFailureAnalyzer
		extends AbstractFailureAnalyzer<EmbeddedCassandraPortInUseException> {

	/**
	 * Creates the analyzer; Spring Boot instantiates it from {@code spring.factories}.
	 */
	public EmbeddedCassandraPortInUseFailureAnalyzer() {
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedCassandraPortInUseException cause) {
		boolean storage = cause.role().contains("storage");
		String property = AsyncCassandraProperties.PREFIX + ".embedded." + (storage ? "storage-port" : "native-port");
		String where = cause.address() + ":" + cause.port();
		String description = "The embedded Cassandra node (dev mode) could not start: its " + cause.role() + " " + where
				+ " is already in use (or the address is not local).";
		String action = "Stop the process listening on " + where
				+ " (often another Cassandra node, or an earlier run of this application that is still stopping),"
				+ " or set " + property + " to a free port (0 picks one at each start).";
		return new FailureAnalysis(description, action, cause);
	}

}
