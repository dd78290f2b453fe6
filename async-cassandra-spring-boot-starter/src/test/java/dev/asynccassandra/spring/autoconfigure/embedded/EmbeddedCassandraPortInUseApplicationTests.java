package dev.asynccassandra.spring.autoconfigure.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A dev-mode application whose node's port is taken fails with a failure analysis (the
 * analyzer is registered in {@code spring.factories}), not a stack trace; no node is
 * launched.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedCassandraPortInUseApplicationTests {

	@Test
	void busyNativePortIsReportedWithTheProperty(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
			SpringApplication application = new SpringApplication(DevModeApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			assertThatException().isThrownBy(() -> application.run("--async-cassandra.embedded.enabled=true",
					"--async-cassandra.embedded.native-port=" + taken.getLocalPort(),
					"--async-cassandra.embedded.storage-port=0", "--async-cassandra.embedded.data-directory="
							+ Path.of("target", "embedded-cassandra", "port-in-use").toAbsolutePath()));
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("native transport port 127.0.0.1:" + taken.getLocalPort() + " is already in use")
				.contains("async-cassandra.embedded.native-port");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DevModeApplication {

	}

}
