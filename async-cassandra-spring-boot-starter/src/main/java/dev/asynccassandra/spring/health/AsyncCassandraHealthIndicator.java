package dev.asynccassandra.spring.health;

import dev.asynccassandra.api.AsyncSession;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} of an {@link AsyncSession}, from the driver's view of the
 * cluster without running a query: UP when at least one node of the local data center is
 * UP and the session is open, DOWN otherwise. Details: the session state
 * ({@code open}/{@code closed}), the in-flight request count, the local data center and
 * node counts per data center and state. Never blocks on I/O.
 *
 * @since 0.1.0
 */
public class AsyncCassandraHealthIndicator extends AbstractHealthIndicator {

	private final AsyncSession session;

	/**
	 * Creates an indicator for the session.
	 * @param session the session to check
	 */
	public AsyncCassandraHealthIndicator(AsyncSession session) {
		super("async-cassandra health check failed");
		Assert.notNull(session, "'session' must not be null");
		this.session = session;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SessionHealth.describe(this.session, builder);
	}

}
