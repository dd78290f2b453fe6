package dev.asynccassandra.embedded.internal.classpath;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerArtifactTests {

	@Test
	void coordinatesComeFromTheRepositoryLayout() {
		ServerArtifact artifact = ServerArtifact
			.fromRepositoryPath("/org/apache/cassandra/cassandra-all/5.0.6/" + "cassandra-all-5.0.6.jar");
		assertThat(artifact.groupId()).isEqualTo("org.apache.cassandra");
		assertThat(artifact.artifactId()).isEqualTo("cassandra-all");
		assertThat(artifact.version()).isEqualTo("5.0.6");
		assertThat(artifact.classifier()).isEmpty();
		assertThat(artifact.extension()).isEqualTo("jar");
		assertThat(artifact.path()).isEqualTo("org/apache/cassandra/cassandra-all/5.0.6/cassandra-all-5.0.6.jar");
		assertThat(artifact.coordinates()).isEqualTo("org.apache.cassandra:cassandra-all:5.0.6");
	}

	@Test
	void classifierIsKept() {
		ServerArtifact artifact = ServerArtifact
			.fromRepositoryPath("io/netty/netty-tcnative/2.0.61.Final/netty-tcnative-2.0.61.Final-linux-x86_64.jar");
		assertThat(artifact.version()).isEqualTo("2.0.61.Final");
		assertThat(artifact.classifier()).isEqualTo("linux-x86_64");
		assertThat(artifact.coordinates()).isEqualTo("io.netty:netty-tcnative:jar:linux-x86_64:2.0.61.Final");
	}

	@Test
	void pathsOutsideTheLayoutAreRejected() {
		for (String path : new String[] { "guava.jar", "com/google/guava/guava/32.0.1/other-32.0.1.jar",
				"com/google/guava/guava/32.0.1/guava-32.0.1", "com/../guava/32.0.1/guava-32.0.1.jar" }) {
			assertThatExceptionOfType(EmbeddedCassandraException.class)
				.isThrownBy(() -> ServerArtifact.fromRepositoryPath(path))
				.withMessageContaining(path);
		}
	}

}
