package dev.asynccassandra.spring.autoconfigure.health;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@value #CONTRIBUTOR_NAME} health contributor: reactive
 * whenever Reactor is on the classpath (like Spring Boot's own), blocking otherwise. DOWN
 * with the reason while the session has not connected yet. Disabled with
 * {@code management.health.async-cassandra.enabled=false}. The reactive configuration is
 * imported first, so the blocking one backs off when it applies.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AsyncCassandraAutoConfiguration.class)
@ConditionalOnClass({ AsyncSession.class, HealthIndicator.class })
@ConditionalOnSingleCandidate(AsyncSession.class)
@ConditionalOnEnabledHealthIndicator(AsyncCassandraHealthContributorAutoConfiguration.CONTRIBUTOR_NAME)
@Import({ ReactiveHealthContributorConfiguration.class, BlockingHealthContributorConfiguration.class })
public final class AsyncCassandraHealthContributorAutoConfiguration {

	/**
	 * Name of the health contributor, as shown under {@code /actuator/health}.
	 */
	public static final String CONTRIBUTOR_NAME = "async-cassandra";

	/**
	 * Name of the health contributor bean: the contributor name with Spring Boot's
	 * standard suffix, which Boot strips to name the contributor
	 * {@value #CONTRIBUTOR_NAME}.
	 */
	public static final String BEAN_NAME = CONTRIBUTOR_NAME + "HealthContributor";

	AsyncCassandraHealthContributorAutoConfiguration() {
	}

}
