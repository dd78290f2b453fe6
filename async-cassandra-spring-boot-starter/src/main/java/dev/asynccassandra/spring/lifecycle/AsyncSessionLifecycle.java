package dev.asynccassandra.spring.lifecycle;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Closes an {@link AsyncSession} gracefully when the application context stops. The
 * session owns the close: it stops admitting requests, lets in-flight requests finish
 * within its own drain bound ({@code async-cassandra.shutdown.timeout}), cancels what is
 * left, then closes its driver session. This lifecycle only starts that close and reports
 * the context's stop callback once the session's close future has completed, that is
 * after the driver session is closed. The session logs how many requests were drained and
 * how many were cancelled (logger {@code dev.asynccassandra.session.close}).
 * <p>
 * Its {@link #PHASE} is lower than the web server's graceful shutdown and stop phases, so
 * the session closes after the web server has finished its requests, and before any bean
 * is destroyed. Spring's {@code spring.lifecycle.timeout-per-shutdown-phase} bounds the
 * whole phase; keep the drain bound below it.
 *
 * @since 0.1.0
 */
public final class AsyncSessionLifecycle implements SmartLifecycle {

	/**
	 * Phase of this lifecycle: {@code DEFAULT_PHASE - 3072}, below the web server's
	 * graceful shutdown phase ({@code DEFAULT_PHASE - 1024}) and its start/stop phase
	 * ({@code DEFAULT_PHASE - 2048}); lower phases stop later.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private static final Log logger = LogFactory.getLog(AsyncSessionLifecycle.class);

	private final AsyncSession session;

	private volatile boolean running;

	/**
	 * Creates a lifecycle for the session.
	 * @param session the session to close when the context stops, built with the drain
	 * bound to apply
	 */
	public AsyncSessionLifecycle(AsyncSession session) {
		Assert.notNull(session, "'session' must not be null");
		this.session = session;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Stop must not be invoked directly");
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		SessionStatistics before = this.session.statistics();
		if (logger.isInfoEnabled()) {
			logger.info("Closing async-cassandra session with " + before.inFlight() + " request(s) in flight, "
					+ before.openStreams() + " of them open stream(s)");
		}
		this.session.closeAsync().whenComplete((result, failure) -> {
			try {
				if (failure != null) {
					logger.warn("async-cassandra session closed with a failure", failure);
				}
			}
			finally {
				callback.run();
			}
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
