package dev.asynccassandra.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.spring.lifecycle.AsyncSessionLifecycle;
import dev.asynccassandra.spring.session.ConnectingAsyncSession;
import dev.asynccassandra.spring.session.LocalDatacenterMismatchException;
import dev.asynccassandra.spring.session.LocalDatacenters;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds {@link AsyncSession}s the way the auto-configuration does: the
 * {@code async-cassandra.*} properties, the completion executor, every
 * {@link QueryEventListener} and {@link AsyncSessionBuilderCustomizer} bean, and the
 * startup behaviour ({@code async-cassandra.startup.*}). The auto-configuration registers
 * one as a bean whenever the context has a {@code CqlSession}; an application with
 * several {@code CqlSession}s uses it to build one session for each, and registers an
 * {@link AsyncSessionLifecycle} for each so that it is drained and closed on shutdown:
 * <pre class="code">
 * &#64;Bean
 * AsyncSession ordersAsyncSession(AsyncSessionFactory factory, &#64;Qualifier("orders") ObjectProvider&lt;CqlSession&gt; orders) {
 *     return factory.create(orders::getObject);
 * }
 *
 * &#64;Bean
 * AsyncSessionLifecycle ordersAsyncSessionLifecycle(&#64;Qualifier("ordersAsyncSession") AsyncSession session) {
 *     return new AsyncSessionLifecycle(session);
 * }
 * </pre> Each session owns its driver session: closing it (which its lifecycle does)
 * closes the {@code CqlSession} too, after the drain.
 *
 * @since 0.1.0
 */
public final class AsyncSessionFactory {

	private final AsyncCassandraProperties properties;

	private final @Nullable Executor executor;

	private final List<QueryEventListener> listeners;

	private final List<AsyncSessionBuilderCustomizer> customizers;

	/**
	 * Creates a factory.
	 * @param properties the bound properties
	 * @param executor the executor completing the sessions' futures, or {@code null} for
	 * the session's own pool
	 * @param listeners the query event listeners of every session, in order
	 * @param customizers the builder customizers, applied in order
	 */
	public AsyncSessionFactory(AsyncCassandraProperties properties, @Nullable Executor executor,
			List<QueryEventListener> listeners, List<AsyncSessionBuilderCustomizer> customizers) {
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notNull(listeners, "'listeners' must not be null");
		Assert.notNull(customizers, "'customizers' must not be null");
		this.properties = properties;
		this.executor = executor;
		this.listeners = List.copyOf(listeners);
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * Creates a session over a driver session obtained from {@code cqlSession}, such as
	 * the {@code getObject} of a lazy bean. With
	 * {@code async-cassandra.startup.fail-fast=true} the driver session is obtained now
	 * and a failure to connect is thrown, as is a configured local data center that no
	 * node is in ({@link LocalDatacenterMismatchException}). Otherwise the result is a
	 * {@link ConnectingAsyncSession} that tries once now and, on failure, keeps trying in
	 * the background.
	 * @param cqlSession obtains (and connects) the driver session
	 * @return the session, owning the driver session
	 */
	public AsyncSession create(Supplier<CqlSession> cqlSession) {
		Assert.notNull(cqlSession, "'cqlSession' must not be null");
		AsyncCassandraProperties.Startup startup = this.properties.getStartup();
		if (startup.isFailFast()) {
			CqlSession connected = cqlSession.get();
			LocalDatacenterMismatchException mismatch = LocalDatacenters.mismatch(connected);
			if (mismatch != null) {
				throw mismatch;
			}
			return wrap(connected);
		}
		ConnectingAsyncSession session = new ConnectingAsyncSession(cqlSession, this::wrap, startup.getRetryDelay(),
				startup.getMaxRetryDelay());
		session.start();
		return session;
	}

	/**
	 * Creates a session over a driver session that is already connected.
	 * @param cqlSession the driver session, owned by the returned session
	 * @return the session
	 */
	public AsyncSession wrap(CqlSession cqlSession) {
		Assert.notNull(cqlSession, "'cqlSession' must not be null");
		AsyncSessionBuilder builder = AsyncSession.builder()
			.withCqlSession(cqlSession)
			.withCloseCqlSession(true)
			.withExecutor(this.executor);
		SessionOptionsMapping.map(this.properties, builder, OptionMapper.failing());
		this.listeners.forEach(builder::addListener);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
