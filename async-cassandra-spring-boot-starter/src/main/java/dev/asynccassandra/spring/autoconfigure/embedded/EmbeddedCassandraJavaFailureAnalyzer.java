package dev.asynccassandra.spring.autoconfigure.embedded;

import dev.asynccassandra.embedded.api.EmbeddedCassandraJavaException;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a dev-mode node that cannot start because no Java 17 to 21 runtime was found
 * to run Cassandra (Cassandra 5.0 does not run on newer Java).
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraJavaFailureAnalyzer
		extends AbstractFailureAnalyzer<EmbeddedCassandraJavaException> {

	/**
	 * Creates the analyzer; Spring Boot instantiates it from {@code spring.factories}.
	 */
	public EmbeddedCassandraJavaFailureAnalyzer() {
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedCassandraJavaException cause) {
		String description = "The embedded Cassandra node (dev mode) could not start: " + cause.getMessage();
		String action = "Install a JDK 17 to 21 (the application itself may run on a newer one) and set "
				+ AsyncCassandraProperties.PREFIX + ".embedded.java-home to its folder, or set JAVA_HOME to it.";
		return new FailureAnalysis(description, action, cause);
	}

}
