package dev.asynccassandra.spring.autoconfigure.embedded;

import dev.asynccassandra.embedded.api.EmbeddedCassandraAuthenticationException;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a dev-mode node that rejected the login of its own readiness check, naming the
 * properties that hold the credentials (never their values).
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraAuthenticationFailureAnalyzer
		extends AbstractFailureAnalyzer<EmbeddedCassandraAuthenticationException> {

	/**
	 * Creates the analyzer; Spring Boot instantiates it from {@code spring.factories}.
	 */
	public EmbeddedCassandraAuthenticationFailureAnalyzer() {
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedCassandraAuthenticationException cause) {
		String description = "The embedded Cassandra node (dev mode) did not accept the login: " + cause.getMessage();
		String action = "Set spring.cassandra.username and spring.cassandra.password to the credentials the node's"
				+ " data folder was first started with, or start once with " + AsyncCassandraProperties.PREFIX
				+ ".embedded.clean-start=true to create the role again (this deletes the node's data).";
		return new FailureAnalysis(description, action, cause);
	}

}
