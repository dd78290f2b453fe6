package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;
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
		ServerListing listing = ServerListing
			.parse("@/org/apache/cassandra/cassandra-all/5.0.6/cassandra-all-5.0.6.jar|"
					+ "@/com/google/guava/guava/32.0.1-jre/guava-32.0.1-jre.jar\n", "5.0.6");
		ServerClasspath classpath = ServerClasspath.resolve(listing, repositories("http://127.0.0.1:9/unused"));
		assertThat(classpath.jars()).containsExactly(all, guava);
		assertThat(classpath.cassandraVersion()).isEqualTo("5.0.6");
		assertThat(classpath.report()).isEqualTo(ResolutionReport.NOTHING_MISSING);
	}

	@Test
	void emptyListingIsRejected() {
		assertThatExceptionOfType(EmbeddedCassandraException.class)
			.isThrownBy(() -> ServerListing.parse(" \n", "5.0.6"))
			.withMessageContaining("empty");
	}

	@Test
	void entryOutsideTheLocalRepositoryIsRejected() {
		assertThatExceptionOfType(EmbeddedCassandraException.class)
			.isThrownBy(() -> ServerListing.parse("/opt/lib/guava.jar", "5.0.6"))
			.withMessageContaining("/opt/lib/guava.jar")
			.withMessageContaining("not relative to the local Maven repository");
	}

	@Test
	void bundledListingNamesCassandraAllFirstAndEveryEntryIsAnArtifact() {
		ServerListing listing = ServerListing.read(getClass().getClassLoader());
		assertThat(listing.cassandraVersion()).isEqualTo("5.0.6");
		assertThat(listing.artifacts().get(0).coordinates()).isEqualTo("org.apache.cassandra:cassandra-all:5.0.6");
		assertThat(listing.artifacts()).allSatisfy((artifact) -> {
			assertThat(artifact.extension()).isEqualTo("jar");
			String fileName = artifact.artifactId() + "-" + artifact.version()
					+ (artifact.classifier().isEmpty() ? "" : "-" + artifact.classifier()) + ".jar";
			assertThat(artifact.path()).isEqualTo(artifact.groupId().replace('.', '/') + "/" + artifact.artifactId()
					+ "/" + artifact.version() + "/" + fileName);
		});
	}

	@Test
	void bundledListingResolvesAgainstTheBuildRepositoryWithoutFetching() {
		ServerClasspath classpath = ServerClasspath.resolve(getClass().getClassLoader());
		assertThat(classpath.cassandraVersion()).isEqualTo("5.0.6");
		assertThat(classpath.jars()).isNotEmpty().allSatisfy((jar) -> assertThat(jar).isRegularFile());
		assertThat(classpath.jars().get(0).getFileName()).hasToString("cassandra-all-5.0.6.jar");
		assertThat(classpath.report()).isEqualTo(ResolutionReport.NOTHING_MISSING);
	}

	private ServerRepositories repositories(String remoteUrl) {
		Map<String, String> properties = Map.of("maven.repo.local", this.repository.toString(),
				EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY, remoteUrl);
		return ServerRepositories.decide(properties::get, MavenUserSettings.NONE, this.repository);
	}

	private Path jar(String path) throws IOException {
		Path jar = this.repository.resolve(path);
		Files.createDirectories(jar.getParent());
		Files.write(jar, new byte[] { 'P', 'K' });
		return jar;
	}

}
