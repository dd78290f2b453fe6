package dev.asynccassandra.spring.autoconfigure;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code async-cassandra.request.max-in-flight} and {@code max-queued} properties of
 * the auto-configured session.
 */
class AsyncCassandraAdmissionPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
		.withPropertyValues("async-cassandra.shutdown.timeout=0s")
		.withBean(CqlSession.class, MockCqlSessions::closeable);

	@Test
	void runWithDefaultsShouldSizeTheBoundFromTheDriverAndUseTheDefaultQueue() {
		this.contextRunner.run((context) -> {
			AsyncCassandraProperties.Request request = context.getBean(AsyncCassandraProperties.class).getRequest();
			assertThat(request.getMaxInFlight()).isNull();
			assertThat(request.getMaxQueued()).isEqualTo(AsyncSessionBuilder.DEFAULT_MAX_QUEUED_REQUESTS);
			// A driver session that reports no pool settings gets the driver's defaults
			// for one node.
			assertThat(context.getBean(AsyncSession.class).statistics().maxRequestsInFlight()).isEqualTo(1024);
		});
	}

	@Test
	void runWithMaxInFlightShouldBoundTheSession() {
		this.contextRunner
			.withPropertyValues("async-cassandra.request.max-in-flight=64", "async-cassandra.request.max-queued=0")
			.run((context) -> {
				assertThat(context.getBean(AsyncCassandraProperties.class).getRequest().getMaxQueued()).isZero();
				assertThat(context.getBean(AsyncSession.class).statistics().maxRequestsInFlight()).isEqualTo(64);
			});
	}

	@Test
	void runWithZeroMaxInFlightShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("async-cassandra.request.max-in-flight=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'async-cassandra'")
				.hasMessageContaining("request.max-in-flight")
				.hasMessageContaining("must be positive"));
	}

	@Test
	void runWithNegativeMaxQueuedShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("async-cassandra.request.max-queued=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'async-cassandra'")
				.hasMessageContaining("request.max-queued")
				.hasMessageContaining("must not be negative"));
	}

}
