package dev.asynccassandra.spring.autoconfigure.observation;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.observation.CassandraObservationConvention;
import dev.asynccassandra.api.observation.DefaultCassandraObservationConvention;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraProperties;
import dev.asynccassandra.spring.autoconfigure.AsyncSessionBuilderCustomizer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of an Observation per request: when the context has an
 * {@link ObservationRegistry} (Spring Boot's, with Micrometer Tracing it becomes a span
 * per request), every session the auto-configuration builds observes its requests with
 * the application's {@link CassandraObservationConvention} bean, else a
 * {@link DefaultCassandraObservationConvention} that carries the query text only with
 * {@code async-cassandra.observations.query-text=true}. Turned off with
 * {@code async-cassandra.observations.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservationAutoConfiguration.class)
@ConditionalOnClass({ ObservationRegistry.class, AsyncSession.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = AsyncCassandraProperties.PREFIX + ".observations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AsyncCassandraProperties.class)
public final class AsyncCassandraObservationAutoConfiguration {

	AsyncCassandraObservationAutoConfiguration() {
	}

	@Bean
	AsyncSessionBuilderCustomizer asyncCassandraObservationCustomizer(ObservationRegistry observationRegistry,
			ObjectProvider<CassandraObservationConvention> convention, AsyncCassandraProperties properties) {
		CassandraObservationConvention chosen = convention.getIfAvailable(
				() -> new DefaultCassandraObservationConvention(properties.getObservations().isQueryText()));
		return (builder) -> builder.withObservationRegistry(observationRegistry).withObservationConvention(chosen);
	}

}
