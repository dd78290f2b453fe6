package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerClasspathTests {

	@TempDir
	Path repository;

	@Test
	void entriesAreResolvedInTheLocalRepositoryInOrder() throws IOException {
		Path all = jar("org/apache/cassandra/cassandra-all/5.0.6/cassandra-all-5.0.6.jar");
		Path guava = jar("com/google/guava/guava/32.0.1-jre/guava-32.0.1-jre.jar");
		ServerClasspath classpath = ServerClasspath
			.parse("@/org/apache/cassandra/cassandra-all/5.0.6/cassandra-all-5.0.6.jar|"
					+ "@/com/google/guava/guava/32.0.1-jre/guava-32.0.1-jre.jar\n", this.repository, "5.0.6");
		assertThat(classpath.jars()).containsExactly(all, guava);
		assertThat(classpath.cassandraVersion()).isEqualTo("5.0.6");
	}

	@Test
	void missingJarIsNamedWithTheCommandThatFetchesIt() throws IOException {
		jar("org/apache/cassandra/cassandra-all/5.0.6/cassandra-all-5.0.6.jar");
		assertThatExceptionOfType(EmbeddedCassandraException.class)
			.isThrownBy(
					() -> ServerClasspath.parse("@/org/apache/cassandra/cassandra-all/5.0.6/cassandra-all-5.0.6.jar|"
							+ "@/org/lz4/lz4-java/1.8.0/lz4-java-1.8.0.jar", this.repository, "5.0.6"))
			.withMessageContaining(this.repository.resolve("org/lz4/lz4-java/1.8.0/lz4-java-1.8.0.jar").toString())
			.withMessageContaining("./mvnw dependency:get -Dartifact=org.apache.cassandra:cassandra-all:5.0.6");
	}

	@Test
	void emptyListingIsRejected() {
		assertThatExceptionOfType(EmbeddedCassandraException.class)
			.isThrownBy(() -> ServerClasspath.parse(" \n", this.repository, "5.0.6"))
			.withMessageContaining("empty");
	}

	@Test
	void localRepositoryComesFromThePropertyElseTheUserHome() {
		assertThat(ServerClasspath.localRepository("/custom/repo")).isEqualTo(Path.of("/custom/repo"));
		assertThat(ServerClasspath.localRepository(null))
			.isEqualTo(Path.of(System.getProperty("user.home"), ".m2", "repository"));
	}

	@Test
	void bundledListingResolvesAgainstTheBuildRepository() {
		ServerClasspath classpath = ServerClasspath.resolve(getClass().getClassLoader());
		assertThat(classpath.cassandraVersion()).isEqualTo("5.0.6");
		assertThat(classpath.jars()).isNotEmpty().allSatisfy((jar) -> assertThat(jar).isRegularFile());
		assertThat(classpath.jars().get(0).getFileName()).hasToString("cassandra-all-5.0.6.jar");
	}

	private Path jar(String path) throws IOException {
		Path jar = this.repository.resolve(path);
		Files.createDirectories(jar.getParent());
		Files.write(jar, new byte[] { 'P', 'K' });
		return jar;
	}

}
