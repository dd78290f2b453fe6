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
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"request.timeout | -1s | 'defaultTimeout' must be positive, was PT-1S",
			"request.timeout | 0s | 'defaultTimeout' must be positive, was PT0S",
			"request.max-in-flight | 0 | 'maxRequestsInFlight' must be positive, was 0",
			"request.max-queued | -1 | 'maxQueuedRequests' must not be negative, was -1",
			"shutdown.timeout | -5s | 'drainTimeout' must not be negative, was PT-5S",
			"metrics.max-statement-names | -1 | must not be negative",
			"stream.page-size | -1 | 'pageSize' must be at least 0, was -1",
			"stream.prefetch-pages | 0 | 'prefetchPages' must be at least 1, was 0",
			"stream.page-timeout | 0s | 'pageTimeout' must be positive",
			"startup.retry-delay | 0s | must be at least 1ms",
			"startup.max-retry-delay | 100ms | must not be less than async-cassandra.startup.retry-delay (PT1S)" })
	void runWithAnInvalidValueShouldFailBindingNamingThePropertyAndTheRule(String property, String value, String rule) {
		this.contextRunner.withPropertyValues("async-cassandra." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			BindValidationException failure = findCause(context.getStartupFailure(), BindValidationException.class);
			assertThat(failure.getValidationErrors().getName().toString()).isEqualTo("async-cassandra");
			assertThat(failure.getValidationErrors().getAllErrors()).singleElement()
				.isInstanceOfSatisfying(FieldError.class, (error) -> {
					assertThat(error.getField()).isEqualTo(property);
					assertThat(error.getDefaultMessage()).isEqualTo(rule);
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
	void runWithTooFewExecutorThreadsShouldFailNamingThePropertyWithThePoolsRule() {
		this.contextRunner.withPropertyValues("async-cassandra.executor.threads=0").run((context) -> {
			assertThat(context).hasFailed();
			InvalidConfigurationPropertyValueException failure = findCause(context.getStartupFailure(),
					InvalidConfigurationPropertyValueException.class);
			assertThat(failure.getName()).isEqualTo("async-cassandra.executor.threads");
			assertThat(failure.getValue()).isEqualTo(0);
			assertThat(failure.getReason()).isEqualTo("'threads' must be at least 1, was 0");
		});
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
			.contains("Reason: 'defaultTimeout' must be positive, was PT-1S");
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
