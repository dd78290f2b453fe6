package dev.asynccassandra.spring.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Closes an {@link AsyncSession} gracefully when the application context stops: the
 * session stops admitting requests, in-flight requests get up to the shutdown timeout to
 * finish, and whatever is left is then cancelled. Its {@link #PHASE} is lower than the
 * web server's graceful shutdown and stop phases, so the session closes after the web
 * server has finished its requests, and before any bean (such as the {@code CqlSession})
 * is destroyed.
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

	private static final Duration FORCE_CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(AsyncSessionLifecycle.class);

	private final AsyncSession session;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Creates a lifecycle for the session.
	 * @param session the session to close when the context stops
	 * @param timeout how long to wait for in-flight requests before cancelling them
	 */
	public AsyncSessionLifecycle(AsyncSession session, Duration timeout) {
		Assert.notNull(session, "'session' must not be null");
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.isTrue(!timeout.isNegative(), "'timeout' must not be negative");
		this.session = session;
		this.timeout = timeout;
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
			logger.info("Closing async-cassandra session, waiting up to " + this.timeout + " for " + before.inFlight()
					+ " in-flight request(s), " + before.openStreams() + " open stream(s)");
		}
		this.session.closeAsync()
			.orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS)
			.handle((result, failure) -> afterGracefulClose(before, failure))
			.thenCompose((closed) -> closed)
			.whenComplete((result, failure) -> callback.run());
	}

	private CompletableFuture<Void> afterGracefulClose(SessionStatistics before, @Nullable Throwable failure) {
		if (failure == null) {
			logger.info("Closed async-cassandra session; " + before.inFlight() + " in-flight request(s) and "
					+ before.openStreams() + " open stream(s) drained");
			return CompletableFuture.completedFuture(null);
		}
		SessionStatistics after = this.session.statistics();
		logger.warn("async-cassandra session not drained within " + this.timeout + ": "
				+ Math.max(0, before.inFlight() - after.inFlight()) + " request(s) drained, " + after.inFlight()
				+ " abandoned; " + Math.max(0, before.openStreams() - after.openStreams()) + " stream(s) drained, "
				+ after.openStreams() + " abandoned; force-closing");
		return this.session.forceCloseAsync()
			.orTimeout(FORCE_CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
			.exceptionally((ex) -> {
				logger.warn("async-cassandra session did not force-close within " + FORCE_CLOSE_TIMEOUT, ex);
				return null;
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
