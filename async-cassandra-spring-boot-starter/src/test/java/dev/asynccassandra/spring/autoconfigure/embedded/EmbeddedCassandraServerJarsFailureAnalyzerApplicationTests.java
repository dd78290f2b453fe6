package dev.asynccassandra.spring.autoconfigure.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;

import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A dev-mode application on a machine whose local Maven repository lacks the server's
 * jars and cannot reach a repository: {@link EmbeddedCassandraServerJarsFailureAnalyzer}
 * is registered and its report replaces the stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedCassandraServerJarsFailureAnalyzerApplicationTests {

	@TempDir
	Path emptyRepository;

	private Properties saved;

	@BeforeEach
	void pointAtAnEmptyRepositoryAndAnUnreachableRemote() throws IOException {
		this.saved = (Properties) System.getProperties().clone();
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		System.setProperty("maven.repo.local", this.emptyRepository.toString());
		System.setProperty(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY,
				"http://127.0.0.1:" + closedPort + "/maven2");
	}

	@AfterEach
	void restoreSystemProperties() {
		System.setProperties(this.saved);
	}

	@Test
	void devModeWithoutServerJarsReportsWhatIsMissingAndHowToGetIt(CapturedOutput output) {
		SpringApplication application = new SpringApplication(DevModeApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--async-cassandra.embedded.enabled=true",
				"--async-cassandra.embedded.native-port=0", "--async-cassandra.embedded.storage-port=0",
				"--async-cassandra.embedded.data-directory=target/embedded-cassandra/server-jars-analyzer"));
		String report = output.toString().substring(output.toString().indexOf("APPLICATION FAILED TO START"));
		assertThat(report).contains("Missing:")
			.contains("org.apache.cassandra:cassandra-all:5.0.6")
			.contains(this.emptyRepository.toString())
			.contains("Action:")
			.contains(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY)
			.doesNotContain("\tat ");
		assertThat(report.lines().count()).isLessThan(30);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DevModeApplication {

	}

}
