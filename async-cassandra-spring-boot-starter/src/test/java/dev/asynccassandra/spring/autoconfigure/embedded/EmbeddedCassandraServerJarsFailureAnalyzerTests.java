package dev.asynccassandra.spring.autoconfigure.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbeddedCassandraServerJarsFailureAnalyzer}.
 */
class EmbeddedCassandraServerJarsFailureAnalyzerTests {

	private final EmbeddedCassandraServerJarsFailureAnalyzer analyzer = new EmbeddedCassandraServerJarsFailureAnalyzer();

	@Test
	void unreachableRepositoryListsTheMissingJarsAndHowToGetThem() {
		List<String> missing = IntStream.rangeClosed(1, 12).mapToObj((i) -> "org.example:jar" + i + ":1.0").toList();
		EmbeddedCassandraServerJarsException failure = new EmbeddedCassandraServerJarsException("message",
				"Connection refused", "5.0.6", missing, Path.of("/home/dev/.m2/repository"),
				"https://repo.maven.apache.org/maven2", null);
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("asyncCassandraEmbeddedNode", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Cassandra 5.0.6 server")
			.contains("/home/dev/.m2/repository")
			.contains("12 of its jars are missing")
			.contains("from https://repo.maven.apache.org/maven2: Connection refused.")
			.contains("org.example:jar1:1.0")
			.contains("org.example:jar10:1.0")
			.doesNotContain("org.example:jar11:1.0")
			.contains("and 2 more");
		assertThat(analysis.getAction()).contains("reach https://repo.maven.apache.org/maven2")
			.contains("-D" + EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY + "=")
			.contains("<mirror> of central in ~/.m2/settings.xml")
			.contains("async-cassandra.embedded.enabled=false");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void offlineMavenIsNamedInTheAction() {
		EmbeddedCassandraServerJarsException failure = new EmbeddedCassandraServerJarsException("message",
				"Maven is offline", "5.0.6", List.of("org.apache.cassandra:cassandra-all:5.0.6"), Path.of("/repo"),
				null, null);
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).contains("could not be fetched: Maven is offline.")
			.doesNotContain("and 0 more");
		assertThat(analysis.getAction()).contains("offline mode");
	}

}
