package dev.asynccassandra.spring.autoconfigure.health;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.health.AsyncCassandraHealthIndicator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blocking health contributor, for applications without Reactor.
 */
@Configuration(proxyBeanMethods = false)
class BlockingHealthContributorConfiguration {

	@Bean(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME)
	@ConditionalOnMissingBean(name = AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME)
	AsyncCassandraHealthIndicator asyncCassandraHealthContributor(AsyncSession asyncSession) {
		return new AsyncCassandraHealthIndicator(asyncSession);
	}

}
