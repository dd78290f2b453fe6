package dev.asynccassandra.spring.autoconfigure.health;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.health.AsyncCassandraReactiveHealthIndicator;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reactive health contributor, whenever Reactor is on the classpath (as Spring Boot
 * does for its own indicators): the actuator adapts it for blocking callers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Mono.class)
class ReactiveHealthContributorConfiguration {

	@Bean(AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME)
	@ConditionalOnMissingBean(name = AsyncCassandraHealthContributorAutoConfiguration.BEAN_NAME)
	AsyncCassandraReactiveHealthIndicator asyncCassandraHealthContributor(AsyncSession asyncSession) {
		return new AsyncCassandraReactiveHealthIndicator(asyncSession);
	}

}
