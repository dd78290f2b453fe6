package dev.asynccassandra.embedded.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

class EmbeddedCassandraFailureIT {

	@Test
	void portInUseIsNamedAndNothingIsLaunched() throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
			int port = taken.getLocalPort();
			EmbeddedCassandraConfig config = TestConfigs.node("port-in-use").nativePort(port).build();
			EmbeddedCassandra cassandra = EmbeddedCassandra.create(config);
			assertThatExceptionOfType(EmbeddedCassandraException.class).isThrownBy(cassandra::start)
				.withMessageContaining("127.0.0.1:" + port)
				.withMessageContaining("already in use");
			assertThat(cassandra.isRunning()).isFalse();
			assertThat(cassandra.pid()).isEmpty();
		}
	}

	@Test
	void java25HomeIsRefusedWithAClearMessage() {
		Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
		assumeThat(temurin25.resolve("bin/java")).isExecutable();
		EmbeddedCassandraConfig config = TestConfigs.node("java-25").javaHome(temurin25).build();
		assertThatExceptionOfType(EmbeddedCassandraException.class).isThrownBy(() -> EmbeddedCassandra.start(config))
			.withMessageContaining(temurin25.toString())
			.withMessageContaining("Java 25")
			.withMessageContaining("Cassandra 5.0 needs Java 17 to 21");
	}

	@Test
	void dataFolderInsideARegularFileIsReportedAsNotUsable() throws IOException {
		Path file = Files.createDirectories(Path.of("target", "embedded-cassandra", "it"))
			.resolve("a-regular-file.txt");
		Files.writeString(file, "not a folder");
		Path dataDirectory = file.resolve("node");
		EmbeddedCassandraConfig config = TestConfigs.node("unused").dataDirectory(dataDirectory).build();
		assertThatExceptionOfType(EmbeddedCassandraException.class).isThrownBy(() -> EmbeddedCassandra.start(config))
			.withMessageContaining("Data directory " + dataDirectory.toAbsolutePath())
			.withMessageContaining("not usable");
	}

	@Test
	void nodeDyingDuringStartupFailsAtOnceWithExitCodeAndLogTail() {
		EmbeddedCassandraConfig config = TestConfigs.node("broken-yaml")
			.yamlEntry("commitlog_sync", "not_a_sync_mode")
			.startupTimeout(Duration.ofSeconds(90))
			.build();
		EmbeddedCassandra cassandra = EmbeddedCassandra.create(config);
		assertThatExceptionOfType(EmbeddedCassandraStartupException.class).isThrownBy(cassandra::start)
			.withMessageContaining("exited during startup with exit code")
			.withMessageContaining("Last lines of the node's log")
			.satisfies((failure) -> {
				assertThat(failure.exitCode()).isPresent();
				assertThat(failure.exitCode().getAsInt()).isNotZero();
				assertThat(failure.logTail()).contains("not_a_sync_mode");
			});
		assertThat(cassandra.isRunning()).isFalse();
	}

}
