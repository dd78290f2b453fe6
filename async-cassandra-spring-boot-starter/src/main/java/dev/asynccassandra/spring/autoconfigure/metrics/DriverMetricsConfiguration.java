package dev.asynccassandra.spring.autoconfigure.metrics;

import java.util.List;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.internal.metrics.micrometer.MicrometerMetricsFactory;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cassandra.autoconfigure.CqlSessionBuilderCustomizer;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the driver's own metrics to the application's meter registry through Spring
 * Boot's Cassandra customizers: Micrometer metrics factory, tagging identifiers under the
 * {@code cassandra} prefix ({@code cassandra.session.cql-requests} tagged
 * {@code session}, {@code cassandra.nodes.pool.in-flight} tagged {@code session} and
 * {@code node}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ MicrometerMetricsFactory.class, CqlSessionBuilderCustomizer.class })
@ConditionalOnBooleanProperty(AsyncCassandraProperties.PREFIX + ".metrics.driver-metrics.enabled")
class DriverMetricsConfiguration {

	private static final List<String> SESSION_METRICS = List.of("connected-nodes", "cql-requests",
			"cql-client-timeouts", "bytes-sent", "bytes-received");

	private static final List<String> NODE_METRICS = List.of("pool.open-connections", "pool.in-flight", "cql-messages",
			"errors.connection.init", "errors.connection.auth");

	@Bean
	DriverConfigLoaderBuilderCustomizer asyncCassandraDriverMetricsConfigCustomizer() {
		return (builder) -> builder
			.withString(DefaultDriverOption.METRICS_FACTORY_CLASS, MicrometerMetricsFactory.class.getName())
			.withString(DefaultDriverOption.METRICS_ID_GENERATOR_CLASS, "TaggingMetricIdGenerator")
			.withString(DefaultDriverOption.METRICS_ID_GENERATOR_PREFIX, "cassandra")
			.withStringList(DefaultDriverOption.METRICS_SESSION_ENABLED, SESSION_METRICS)
			.withStringList(DefaultDriverOption.METRICS_NODE_ENABLED, NODE_METRICS);
	}

	@Bean
	CqlSessionBuilderCustomizer asyncCassandraDriverMetricsRegistryCustomizer(MeterRegistry meterRegistry) {
		return (builder) -> builder.withMetricRegistry(meterRegistry);
	}

}
