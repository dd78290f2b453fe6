package dev.asynccassandra.spring.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.CompletionExecutors;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.spring.lifecycle.AsyncSessionLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.util.Assert;

/**
 * Auto-configuration of an {@link AsyncSession} wrapping the application's single
 * {@link CqlSession} candidate (by default, the lazy one of Spring Boot's Cassandra
 * auto-configuration), with an {@link AsyncSessionLifecycle} that drains and closes it,
 * and the driver session with it, on shutdown. It backs off when there are several
 * {@code CqlSession}s and none is primary; the {@link AsyncSessionFactory} bean then
 * builds a session for each. By default the session connects by itself, so the
 * application starts while Cassandra is unreachable
 * ({@code async-cassandra.startup.fail-fast=true} fails the startup instead).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CassandraAutoConfiguration.class)
@ConditionalOnClass({ CqlSession.class, AsyncSession.class })
@ConditionalOnBean(CqlSession.class)
@EnableConfigurationProperties(AsyncCassandraProperties.class)
public final class AsyncCassandraAutoConfiguration {

	/**
	 * Name of the executor that completes the session's futures: created when
	 * {@code async-cassandra.executor.threads} is set, or defined by the application (any
	 * {@link Executor}, for example one of virtual threads).
	 */
	public static final String EXECUTOR_BEAN_NAME = "asyncCassandraExecutor";

	private static final String EXECUTOR_THREAD_NAME_PREFIX = "async-cassandra-spring-";

	AsyncCassandraAutoConfiguration() {
	}

	@Bean(name = EXECUTOR_BEAN_NAME, destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
	@ConditionalOnProperty(AsyncCassandraProperties.PREFIX + ".executor.threads")
	ExecutorService asyncCassandraExecutor(AsyncCassandraProperties properties) {
		Integer threads = properties.getExecutor().getThreads();
		Assert.state(threads != null, "async-cassandra.executor.threads is bound");
		try {
			return CompletionExecutors.newFixedPool(threads,
					CompletionExecutors.daemonThreadFactory(EXECUTOR_THREAD_NAME_PREFIX));
		}
		catch (IllegalArgumentException ex) {
			// The pool owns the rule; the report names the property that gave the value.
			throw new InvalidConfigurationPropertyValueException(AsyncCassandraProperties.PREFIX + ".executor.threads",
					threads, String.valueOf(ex.getMessage()));
		}
	}

	@Bean
	@ConditionalOnMissingBean
	AsyncSessionFactory asyncSessionFactory(AsyncCassandraProperties properties,
			@Qualifier(EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor,
			ObjectProvider<QueryEventListener> listeners, ObjectProvider<AsyncSessionBuilderCustomizer> customizers) {
		return new AsyncSessionFactory(properties, executor.getIfAvailable(), listeners.orderedStream().toList(),
				customizers.orderedStream().toList());
	}

	// The session is closed by AsyncSessionLifecycle; the destroy method only cuts short
	// a session whose lifecycle never ran (a context that failed to start). The
	// CqlSession is obtained through the provider so that a lazy one (Spring Boot's) is
	// connected by the session, not by the bean factory at startup.
	@Bean(destroyMethod = "forceCloseAsync")
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(CqlSession.class)
	AsyncSession asyncSession(AsyncSessionFactory factory, ObjectProvider<CqlSession> cqlSession) {
		return factory.create(cqlSession::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(AsyncSession.class)
	AsyncSessionLifecycle asyncSessionLifecycle(AsyncSession asyncSession) {
		return new AsyncSessionLifecycle(asyncSession);
	}

}
