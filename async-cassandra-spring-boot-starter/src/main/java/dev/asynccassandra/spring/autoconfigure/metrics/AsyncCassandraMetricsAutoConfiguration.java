package dev.asynccassandra.spring.autoconfigure.metrics;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;
import dev.asynccassandra.spring.metrics.AsyncCassandraMetrics;
import dev.asynccassandra.spring.metrics.MicrometerQueryEventListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of async-cassandra's Micrometer metrics: a
 * {@link MicrometerQueryEventListener} that the {@code AsyncSession} auto-configuration
 * registers on the session (recording off the query path), and the
 * {@link AsyncCassandraMetrics} gauges, bound to the registries by Spring Boot's metrics
 * auto-configuration. With {@code async-cassandra.metrics.driver-metrics.enabled=true},
 * also the driver's own session and node metrics.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		AsyncCassandraAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, AsyncSession.class })
@ConditionalOnBean({ MeterRegistry.class, AsyncSession.class })
@ConditionalOnBooleanProperty(name = AsyncCassandraProperties.PREFIX + ".metrics.enabled", matchIfMissing = true)
@Import(DriverMetricsConfiguration.class)
public final class AsyncCassandraMetricsAutoConfiguration {

	AsyncCassandraMetricsAutoConfiguration() {
	}

	// Only a bean definition is needed when the session is created: the session picks up
	// every QueryEventListener bean, so this listener must not depend on the session.
	@Bean
	@ConditionalOnMissingBean
	MicrometerQueryEventListener asyncCassandraQueryEventListener(MeterRegistry meterRegistry,
			AsyncCassandraProperties properties) {
		AsyncCassandraProperties.Metrics metrics = properties.getMetrics();
		return new MicrometerQueryEventListener(meterRegistry, metrics.isStatementTag(),
				metrics.getMaxStatementNames());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(AsyncSession.class)
	AsyncCassandraMetrics asyncCassandraMetrics(AsyncSession asyncSession) {
		return new AsyncCassandraMetrics(asyncSession);
	}

}
