package dev.asynccassandra.spring.health;

import dev.asynccassandra.api.AsyncSession;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link ReactiveHealthIndicator} of an {@link AsyncSession} for reactive applications,
 * with the same status and details as {@link AsyncCassandraHealthIndicator}. The check
 * reads in-memory metadata only, so it runs on the subscribing thread without blocking.
 *
 * @since 0.1.0
 */
public class AsyncCassandraReactiveHealthIndicator extends AbstractReactiveHealthIndicator {

	private final AsyncSession session;

	/**
	 * Creates an indicator for the session.
	 * @param session the session to check
	 */
	public AsyncCassandraReactiveHealthIndicator(AsyncSession session) {
		super("async-cassandra health check failed");
		Assert.notNull(session, "'session' must not be null");
		this.session = session;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.fromSupplier(() -> {
			SessionHealth.describe(this.session, builder);
			return builder.build();
		});
	}

}
