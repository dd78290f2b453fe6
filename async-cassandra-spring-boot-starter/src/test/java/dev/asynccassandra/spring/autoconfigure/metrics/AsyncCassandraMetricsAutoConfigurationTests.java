package dev.asynccassandra.spring.autoconfigure.metrics;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.internal.metrics.micrometer.MicrometerMetricsFactory;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.metrics.AsyncCassandraMetrics;
import dev.asynccassandra.spring.metrics.MicrometerQueryEventListener;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CqlSessionBuilderCustomizer;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AsyncCassandraMetricsAutoConfiguration}.
 */
class AsyncCassandraMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
				AsyncCassandraMetricsAutoConfiguration.class))
		.withBean(CqlSession.class, () -> MockCqlSessions.closeable());

	@Test
	void runWithMeterRegistryShouldCreateListenerAndGauges() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerQueryEventListener.class)
					.hasSingleBean(AsyncCassandraMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(AsyncCassandraMetrics.IN_FLIGHT).gauge().value()).isZero();
				assertThat(registry.get(AsyncCassandraMetrics.IN_FLIGHT).gauge().getId().getDescription()).isNotBlank();
			});
	}

	@Test
	void runWithoutMeterRegistryShouldNotCreateMetrics() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MicrometerQueryEventListener.class)
			.doesNotHaveBean(AsyncCassandraMetrics.class));
	}

	@Test
	void runWhenDisabledShouldNotCreateMetrics() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("async-cassandra.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MicrometerQueryEventListener.class));
	}

	@Test
	void runWhenMicrometerIsNotOnClasspathShouldNotCreateMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MicrometerQueryEventListener.class));
	}

	@Test
	void runByDefaultShouldNotPublishDriverMetrics() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(MicrometerQueryEventListener.class)
				.doesNotHaveBean(DriverConfigLoaderBuilderCustomizer.class)
				.doesNotHaveBean(CqlSessionBuilderCustomizer.class));
	}

	@Test
	void runWithDriverMetricsEnabledShouldCustomizeTheDriver() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("async-cassandra.metrics.driver-metrics.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(DriverConfigLoaderBuilderCustomizer.class)
				.hasSingleBean(CqlSessionBuilderCustomizer.class));
	}

	@Test
	void runWithDriverMetricsEnabledWithoutTheDriverMicrometerModuleShouldNotCustomizeTheDriver() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("async-cassandra.metrics.driver-metrics.enabled=true")
			.withClassLoader(new FilteredClassLoader(MicrometerMetricsFactory.class))
			.run((context) -> assertThat(context).hasSingleBean(MicrometerQueryEventListener.class)
				.doesNotHaveBean(DriverConfigLoaderBuilderCustomizer.class));
	}

	@Test
	void runWithUserListenerShouldBackOff() {
		MicrometerQueryEventListener listener = new MicrometerQueryEventListener(new SimpleMeterRegistry());
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(MicrometerQueryEventListener.class, () -> listener)
			.run((context) -> assertThat(context).getBean(MicrometerQueryEventListener.class).isSameAs(listener));
	}

}
