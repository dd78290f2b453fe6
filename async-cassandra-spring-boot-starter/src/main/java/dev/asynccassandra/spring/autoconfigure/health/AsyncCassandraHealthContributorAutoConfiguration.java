package dev.asynccassandra.spring.autoconfigure.health;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@code asyncCassandra} health contributor: reactive in
 * reactive web applications, blocking otherwise. Disabled with
 * {@code management.health.async-cassandra.enabled=false}. The reactive configuration is
 * imported first, so the blocking one backs off when it applies.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AsyncCassandraAutoConfiguration.class)
@ConditionalOnClass({ AsyncSession.class, HealthIndicator.class })
@ConditionalOnBean(AsyncSession.class)
@ConditionalOnEnabledHealthIndicator("async-cassandra")
@Import({ ReactiveHealthContributorConfiguration.class, BlockingHealthContributorConfiguration.class })
public final class AsyncCassandraHealthContributorAutoConfiguration {

	/**
	 * Name of the health contributor bean; the contributor is named
	 * {@code asyncCassandra}.
	 */
	public static final String BEAN_NAME = "asyncCassandraHealthContributor";

	AsyncCassandraHealthContributorAutoConfiguration() {
	}

}
