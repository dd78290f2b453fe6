package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerRepositoriesTests {

	@TempDir
	Path home;

	private final Map<String, String> properties = new HashMap<>();

	@Test
	void defaultsAreTheUsersRepositoryAndMavenCentral() {
		ServerRepositories repositories = decide(MavenUserSettings.NONE);
		assertThat(repositories.localRepository()).isEqualTo(this.home.resolve(".m2/repository"));
		assertThat(repositories.remote().getId()).isEqualTo("central");
		assertThat(repositories.remoteUrl()).isEqualTo(ServerRepositories.CENTRAL_URL);
		assertThat(repositories.remote().getPolicy(false).getChecksumPolicy())
			.isEqualTo(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
		assertThat(repositories.offline()).isFalse();
		assertThat(repositories.origin()).isEqualTo("Maven Central");
	}

	@Test
	void settingsChooseTheLocalRepositoryTheMirrorAndOfflineMode() throws IOException {
		MavenUserSettings settings = settings(
				"""
						<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
						  <localRepository>${user.home}/repo</localRepository>
						  <offline>true</offline>
						  <mirrors>
						    <mirror><id>snapshots-only</id><url>https://snapshots.example</url><mirrorOf>snapshots</mirrorOf></mirror>
						    <mirror><id>corp</id><url>https://nexus.example/maven2</url><mirrorOf>external:*,!snapshots</mirrorOf></mirror>
						  </mirrors>
						  <servers>
						    <server><id>corp</id><username>builder</username><password>s3cr3t</password></server>
						  </servers>
						  <proxies>
						    <proxy><active>false</active><protocol>https</protocol><host>off.example</host><port>1</port></proxy>
						    <proxy><protocol>https</protocol><host>proxy.example</host><port>3128</port></proxy>
						  </proxies>
						</settings>
						""");
		ServerRepositories repositories = decide(settings);
		assertThat(repositories.localRepository()).isEqualTo(this.home.resolve("repo"));
		assertThat(repositories.offline()).isTrue();
		assertThat(repositories.remote().getId()).isEqualTo("corp");
		assertThat(repositories.remoteUrl()).isEqualTo("https://nexus.example/maven2");
		assertThat(repositories.origin()).contains("mirror 'corp'");
		assertThat(repositories.remote().getAuthentication()).isNotNull();
		assertThat(repositories.remote().getProxy().getHost()).isEqualTo("proxy.example");
		assertThat(repositories.remote().getProxy().getPort()).isEqualTo(3128);
		assertThat(repositories.toString()).doesNotContain("s3cr3t");
		assertThat(settings.servers().toString()).doesNotContain("s3cr3t");
	}

	@Test
	void systemPropertiesWinOverTheSettings() throws IOException {
		MavenUserSettings settings = settings("""
				<settings>
				  <localRepository>/from/settings</localRepository>
				  <mirrors><mirror><id>all</id><url>https://all.example</url><mirrorOf>*</mirrorOf></mirror></mirrors>
				</settings>
				""");
		this.properties.put("maven.repo.local", this.home.resolve("from-property").toString());
		this.properties.put(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY, "file:///srv/maven2");
		ServerRepositories repositories = decide(settings);
		assertThat(repositories.localRepository()).isEqualTo(this.home.resolve("from-property"));
		assertThat(repositories.remoteUrl()).isEqualTo("file:///srv/maven2");
		assertThat(repositories.origin()).contains(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY);
	}

	@Test
	void mirrorOfOtherRepositoriesLeavesCentral() throws IOException {
		MavenUserSettings settings = settings("""
				<settings><mirrors>
				  <mirror><id>not-central</id><url>https://x.example</url><mirrorOf>*,!central</mirrorOf></mirror>
				</mirrors></settings>
				""");
		assertThat(decide(settings).remoteUrl()).isEqualTo(ServerRepositories.CENTRAL_URL);
	}

	@Test
	void repositoryPropertyMustBeARepositoryUrl() {
		this.properties.put(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY, "nexus.example/maven2");
		assertThatExceptionOfType(EmbeddedCassandraException.class).isThrownBy(() -> decide(MavenUserSettings.NONE))
			.withMessageContaining(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY)
			.withMessageContaining("nexus.example/maven2")
			.withMessageContaining("http, https or file URL");
	}

	@Test
	void credentialsInTheUrlNeverReachMessages() {
		this.properties.put(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY,
				"https://builder:s3cr3t@nexus.example/maven2");
		ServerRepositories repositories = decide(MavenUserSettings.NONE);
		assertThat(repositories.remoteUrl()).isEqualTo("https://nexus.example/maven2");
		assertThat(repositories.toString()).doesNotContain("s3cr3t");
	}

	@Test
	void missingSettingsFileMeansNone() {
		assertThat(MavenUserSettings.read(this.home.resolve("absent.xml"), (name) -> null))
			.isEqualTo(MavenUserSettings.NONE);
	}

	@Test
	void unreadableSettingsAreNamed() throws IOException {
		Path file = this.home.resolve("settings.xml");
		Files.writeString(file, "<settings><localRepository>");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> MavenUserSettings.read(file, (name) -> null))
			.withMessageContaining(file.toString());
	}

	@Test
	void proxyPortMustBeANumber() throws IOException {
		Path file = this.home.resolve("settings.xml");
		Files.writeString(file, "<settings><proxies><proxy><host>p.example</host><port>eighty</port></proxy></proxies>"
				+ "</settings>");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> MavenUserSettings.read(file, (name) -> null))
			.withMessageContaining(file.toString())
			.withMessageContaining("'eighty'");
	}

	private MavenUserSettings settings(String xml) throws IOException {
		Path file = this.home.resolve("settings.xml");
		Files.writeString(file, xml);
		return MavenUserSettings.read(file, (name) -> "user.home".equals(name) ? this.home.toString() : null);
	}

	private ServerRepositories decide(MavenUserSettings settings) {
		return ServerRepositories.decide(this.properties::get, settings, this.home);
	}

}
