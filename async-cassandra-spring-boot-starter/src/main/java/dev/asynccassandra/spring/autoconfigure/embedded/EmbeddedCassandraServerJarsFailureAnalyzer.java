package dev.asynccassandra.spring.autoconfigure.embedded;

import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports dev mode's Cassandra server jars that are missing from the local Maven
 * repository and could not be fetched: which ones, from where, and how to get them.
 * Registered in {@code META-INF/spring.factories}; skipped by Spring Boot when
 * {@code async-cassandra-embedded} is not on the classpath.
 */
final class EmbeddedCassandraServerJarsFailureAnalyzer
		extends AbstractFailureAnalyzer<EmbeddedCassandraServerJarsException> {

	private static final int LISTED = 10;

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedCassandraServerJarsException cause) {
		return new FailureAnalysis(description(cause), action(cause), cause);
	}

	private static String description(EmbeddedCassandraServerJarsException cause) {
		List<String> missing = cause.missingArtifacts();
		StringBuilder description = new StringBuilder();
		description.append("The embedded Cassandra node (async-cassandra.embedded.enabled=true) runs the Cassandra ")
			.append(cause.cassandraVersion())
			.append(" server from the local Maven repository ")
			.append(cause.localRepository())
			.append(", but ")
			.append(missing.size())
			.append(" of its jars are missing there and could not be fetched");
		cause.remoteRepository().ifPresent((url) -> description.append(" from ").append(url));
		description.append(": ").append(cause.reason()).append(".").append(System.lineSeparator());
		description.append(System.lineSeparator()).append("Missing:").append(System.lineSeparator());
		missing.stream()
			.limit(LISTED)
			.forEach((artifact) -> description.append("    ").append(artifact).append(System.lineSeparator()));
		if (missing.size() > LISTED) {
			description.append("    and ")
				.append(missing.size() - LISTED)
				.append(" more")
				.append(System.lineSeparator());
		}
		return description.toString();
	}

	private static String action(EmbeddedCassandraServerJarsException cause) {
		String property = EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY;
		String reach = cause.remoteRepository()
			.map((url) -> "Start the application once where it can reach " + url)
			.orElse("Turn off Maven's offline mode (<offline>true</offline> in ~/.m2/settings.xml) for one start");
		return reach + ": the jars are then kept in " + cause.localRepository() + " and later starts work offline."
				+ System.lineSeparator() + "Or fetch them from a Maven repository you can reach (a mirror of Maven"
				+ " Central): start the JVM with -D" + property + "=https://<your-mirror>/maven2, or declare a"
				+ " <mirror> of central in ~/.m2/settings.xml." + System.lineSeparator()
				+ "Or connect to another Cassandra: set async-cassandra.embedded.enabled=false and"
				+ " spring.cassandra.contact-points.";
	}

}
