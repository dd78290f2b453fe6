package dev.asynccassandra.spring.autoconfigure.health;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.health.AsyncCassandraHealthIndicator;
import dev.asynccassandra.spring.health.AsyncCassandraReactiveHealthIndicator;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AsyncCassandraHealthContributorAutoConfiguration}.
 */
class AsyncCassandraHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
				AsyncCassandraHealthContributorAutoConfiguration.class))
		.withBean(CqlSession.class, () -> MockCqlSessions.closeable())
		.withClassLoader(new FilteredClassLoader(Mono.class));

	@Test
	void runShouldCreateIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AsyncCassandraHealthIndicator.class)
			.hasBean(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME)
			.doesNotHaveBean(AsyncCassandraReactiveHealthIndicator.class));
	}

	@Test
	void contributorShouldBeNamedAsyncCassandra() {
		assertThat(HealthContributorNameGenerator.withoutStandardSuffixes()
			.generateContributorName(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME))
			.isEqualTo(AsyncCassandraHealthContributorAutoConfiguration.CONTRIBUTOR_NAME)
			.isEqualTo("async-cassandra");
	}

	@Test
	void healthDetailsShouldNeverContainTheConfiguredPassword() {
		this.contextRunner
			.withPropertyValues("spring.cassandra.username=app", "spring.cassandra.password=pa55-w0rd-s3cret")
			.run((context) -> {
				Health health = context.getBean(AsyncCassandraHealthIndicator.class).health(true);
				assertThat(health.getDetails()).containsKeys("session", "inFlight", "datacenters");
				assertThat(health.toString()).doesNotContain("pa55-w0rd-s3cret");
			});
	}

	@Test
	void runWhenDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.async-cassandra.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncCassandraHealthIndicator.class));
	}

	@Test
	void runWhenDefaultsAreDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncCassandraHealthIndicator.class));
	}

	@Test
	void runWithoutAsyncSessionShouldNotCreateIndicator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
					AsyncCassandraHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncCassandraHealthIndicator.class));
	}

	@Test
	void runWhenHealthIsNotOnClasspathShouldNotCreateIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, Mono.class))
			.run((context) -> assertThat(context).hasSingleBean(AsyncSession.class)
				.doesNotHaveBean(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME));
	}

	@Test
	void runWithUserContributorShouldBackOff() {
		this.contextRunner
			.withBean(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME, HealthIndicator.class,
					() -> () -> null)
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncCassandraHealthIndicator.class)
				.hasBean(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME));
	}

	@Test
	void runWhenReactorIsOnTheClasspathShouldCreateReactiveIndicatorEvenWithoutReactiveWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
					AsyncCassandraHealthContributorAutoConfiguration.class))
			.withBean(CqlSession.class, () -> MockCqlSessions.closeable())
			.run((context) -> assertThat(context).hasSingleBean(AsyncCassandraReactiveHealthIndicator.class)
				.doesNotHaveBean(AsyncCassandraHealthIndicator.class));
	}

	@Test
	void runWhenCassandraIsUnreachableShouldReportDownWithTheReason() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
					AsyncCassandraHealthContributorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(Mono.class))
			.withBean(CqlSession.class, () -> {
				throw new IllegalStateException("no contact point answered");
			}, (definition) -> definition.setLazyInit(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Health health = context.getBean(AsyncCassandraHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("session", "connecting")
					.containsEntry("connectionAttempts", 1L);
				assertThat(health.getDetails().get("error").toString()).contains("no contact point answered");
			});
	}

	@Test
	void runWithSeveralCqlSessionsAndNoPrimaryShouldNotCreateIndicator() {
		this.contextRunner.withBean("second", CqlSession.class, () -> MockCqlSessions.closeable())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME));
	}

	@Test
	void runInReactiveWebApplicationShouldCreateReactiveIndicator() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
					AsyncCassandraHealthContributorAutoConfiguration.class))
			.withBean(CqlSession.class, () -> MockCqlSessions.closeable())
			.run((context) -> assertThat(context).hasSingleBean(AsyncCassandraReactiveHealthIndicator.class)
				.doesNotHaveBean(AsyncCassandraHealthIndicator.class));
	}

}
