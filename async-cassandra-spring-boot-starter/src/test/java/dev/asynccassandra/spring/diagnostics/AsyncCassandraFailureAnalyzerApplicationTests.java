package dev.asynccassandra.spring.diagnostics;

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
 * Checks that {@link AsyncCassandraFailureAnalyzer} is registered in
 * {@code spring.factories} and reports a real startup failure, without the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncCassandraFailureAnalyzerApplicationTests {

	@Test
	void startupWithoutReachableCassandraShouldReportAnActionWithoutThePassword(CapturedOutput output) {
		SpringApplication application = new SpringApplication(UnreachableCassandraApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.cassandra.contact-points=127.0.0.1:1",
				"--spring.cassandra.local-datacenter=dc1", "--spring.cassandra.username=app",
				"--spring.cassandra.password=s3cr3t-pa55", "--async-cassandra.startup.fail-fast=true"));
		assertThat(output).contains("Could not reach any Cassandra contact point")
			.contains("spring.cassandra.contact-points")
			.doesNotContain("s3cr3t-pa55");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UnreachableCassandraApplication {

	}

}
