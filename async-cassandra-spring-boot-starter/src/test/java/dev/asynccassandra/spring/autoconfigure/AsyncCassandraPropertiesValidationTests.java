package dev.asynccassandra.spring.autoconfigure;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for the validation of {@link AsyncCassandraProperties} when they are bound: a bad
 * value fails the startup with Spring Boot's binding report, without a Bean Validation
 * provider.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncCassandraPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
		.withBean(CqlSession.class, () -> MockCqlSessions.closeable());

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "request.timeout, -1s, request.timeout, must be positive",
			"request.timeout, 0s, request.timeout, must be positive",
			"shutdown.timeout, -5s, shutdown.timeout, must not be negative",
			"metrics.max-statement-names, -1, metrics.max-statement-names, must not be negative",
			"embedded.native-port, 70000, embedded.native-port, must be between 0 and 65535",
			"embedded.storage-port, -1, embedded.storage-port, must be between 0 and 65535",
			"embedded.startup-timeout, -1s, embedded.startup-timeout, must be positive",
			"executor.threads, 0, executor.threads, must be at least 1",
			"stream.page-size, -1, stream.page-size, must not be negative",
			"stream.prefetch-pages, 0, stream.prefetch-pages, must be at least 1",
			"stream.page-timeout, 0s, stream.page-timeout, must be positive",
			"startup.retry-delay, 0s, startup.retry-delay, must be at least 1ms",
			"startup.max-retry-delay, 100ms, startup.max-retry-delay, must not be less than" })
	void runWithAnInvalidValueShouldFailBindingNamingThePropertyAndTheRule(String property, String value, String field,
			String rule) {
		this.contextRunner.withPropertyValues("async-cassandra." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			BindValidationException failure = findCause(context.getStartupFailure(), BindValidationException.class);
			assertThat(failure.getValidationErrors().getName().toString()).isEqualTo("async-cassandra");
			assertThat(failure.getValidationErrors().getAllErrors()).singleElement()
				.isInstanceOfSatisfying(FieldError.class, (error) -> {
					assertThat(error.getField()).isEqualTo(field);
					assertThat(error.getDefaultMessage()).startsWith(rule);
					assertThat(error.getRejectedValue()).isNotNull();
				});
		});
	}

	@Test
	void runWithMaxStatementNamesBelowZeroAndNoMeterRegistryShouldFailBinding() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues("async-cassandra.metrics.max-statement-names=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class));
	}

	@Test
	void runWithoutBeanValidationProviderShouldStillValidate() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("jakarta.validation", "org.hibernate.validator"))
			.withPropertyValues("async-cassandra.request.timeout=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class));
	}

	@Test
	void runWithValidValuesShouldStart() {
		this.contextRunner
			.withPropertyValues("async-cassandra.request.timeout=1s", "async-cassandra.shutdown.timeout=0s",
					"async-cassandra.metrics.max-statement-names=0", "async-cassandra.embedded.native-port=0",
					"async-cassandra.stream.page-size=0", "async-cassandra.stream.prefetch-pages=1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void applicationWithAnInvalidValueShouldPrintBootsBindingReport(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ReportApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--async-cassandra.request.timeout=-1s",
				"--spring.main.banner-mode=off", "--spring.cassandra.contact-points=127.0.0.1:1"));
		assertThat(output).contains("Property: async-cassandra.request.timeout")
			.contains("Value: \"PT-1S\"")
			.contains("Reason: must be positive when set");
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AsyncCassandraAutoConfiguration.class)
	static class ReportApplication {

		@org.springframework.context.annotation.Bean
		CqlSession cqlSession() {
			return MockCqlSessions.closeable();
		}

	}

}
