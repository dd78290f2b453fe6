package dev.asynccassandra.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.CompletionExecutors;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.spring.lifecycle.AsyncSessionLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of an {@link AsyncSession} wrapping the application's
 * {@link CqlSession} (by default, the one of Spring Boot's Cassandra auto-configuration),
 * with an {@link AsyncSessionLifecycle} that closes it gracefully on shutdown. The
 * {@code CqlSession} stays Spring Boot's to close.
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

	AsyncCassandraAutoConfiguration() {
	}

	@Bean(name = EXECUTOR_BEAN_NAME, destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
	@ConditionalOnProperty(AsyncCassandraProperties.PREFIX + ".executor.threads")
	ExecutorService asyncCassandraExecutor(AsyncCassandraProperties properties) {
		Integer threads = properties.getExecutor().getThreads();
		if (threads == null || threads < 1) {
			throw new IllegalArgumentException(
					AsyncCassandraProperties.PREFIX + ".executor.threads must be positive, was " + threads);
		}
		return CompletionExecutors.newFixedPool(threads, new NamedDaemonThreadFactory());
	}

	// The session is closed by AsyncSessionLifecycle; the destroy method only cuts short
	// a session whose lifecycle never ran (a context that failed to start).
	@Bean(destroyMethod = "forceCloseAsync")
	@ConditionalOnMissingBean
	AsyncSession asyncSession(CqlSession cqlSession, AsyncCassandraProperties properties,
			@Qualifier(EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor,
			ObjectProvider<QueryEventListener> listeners, ObjectProvider<AsyncSessionBuilderCustomizer> customizers) {
		AsyncSessionBuilder builder = AsyncSession.builder()
			.withCqlSession(cqlSession)
			.withCloseCqlSession(false)
			.withDefaultTimeout(properties.getRequest().getTimeout())
			.withDrainTimeout(properties.getShutdown().getTimeout())
			.withExecutor(executor.getIfAvailable())
			.defaultStreamOptions(streamOptions(properties.getStream()));
		admission(builder, properties.getRequest());
		listeners.orderedStream().forEach(builder::addListener);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	AsyncSessionLifecycle asyncSessionLifecycle(AsyncSession asyncSession, AsyncCassandraProperties properties) {
		return new AsyncSessionLifecycle(asyncSession, properties.getShutdown().getTimeout());
	}

	private static void admission(AsyncSessionBuilder builder, AsyncCassandraProperties.Request request) {
		String prefix = AsyncCassandraProperties.PREFIX + ".request.";
		Integer maxInFlight = request.getMaxInFlight();
		if (maxInFlight != null && maxInFlight <= 0) {
			throw new IllegalArgumentException(prefix + "max-in-flight must be positive, was " + maxInFlight);
		}
		if (request.getMaxQueued() < 0) {
			throw new IllegalArgumentException(
					prefix + "max-queued must not be negative, was " + request.getMaxQueued());
		}
		builder.withMaxRequestsInFlight(maxInFlight).withMaxQueuedRequests(request.getMaxQueued());
	}

	private static StreamOptions streamOptions(AsyncCassandraProperties.Stream stream) {
		String prefix = AsyncCassandraProperties.PREFIX + ".stream.";
		if (stream.getPageSize() < 0) {
			throw new IllegalArgumentException(prefix + "page-size must not be negative, was " + stream.getPageSize());
		}
		if (stream.getPrefetchPages() < StreamOptions.MIN_PREFETCH_PAGES) {
			throw new IllegalArgumentException(prefix + "prefetch-pages must be at least "
					+ StreamOptions.MIN_PREFETCH_PAGES + ", was " + stream.getPrefetchPages());
		}
		Duration pageTimeout = stream.getPageTimeout();
		if (pageTimeout != null && (pageTimeout.isZero() || pageTimeout.isNegative())) {
			throw new IllegalArgumentException(prefix + "page-timeout must be positive, was " + pageTimeout);
		}
		return StreamOptions.builder()
			.pageSize(stream.getPageSize())
			.prefetchPages(stream.getPrefetchPages())
			.pageTimeout(pageTimeout)
			.build();
	}

	private static final class NamedDaemonThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "async-cassandra-spring-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
