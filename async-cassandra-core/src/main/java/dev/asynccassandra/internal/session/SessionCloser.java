package dev.asynccassandra.internal.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.internal.error.ExceptionMapper;
import dev.asynccassandra.internal.request.InFlightGate;
import dev.asynccassandra.internal.request.RequestLauncher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a session once, however many callers ask: stops admission, drains or aborts
 * in-flight requests and open row streams, closes the driver session at most once,
 * releases the session's own threads, and completes one internal future on the session's
 * executor. Callers get a copy of that future each: completing or cancelling a copy
 * changes nothing for the session or for other callers. Once closed, it logs how much
 * work was in flight when the close started, how much of it drained and how much was
 * cancelled.
 */
final class SessionCloser {

	private static final Logger logger = LoggerFactory.getLogger("dev.asynccassandra.session.close");

	private final InFlightGate gate;

	private final RequestLauncher launcher;

	private final OpenStreams openStreams;

	private final CqlSession cqlSession;

	private final boolean closeCqlSession;

	private final Duration drainTimeout;

	private final ScheduledExecutorService timer;

	private final Executor completionExecutor;

	private final Runnable releaseResources;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean finishing = new AtomicBoolean();

	private volatile boolean forced;

	private volatile long inFlightAtClose;

	private volatile long streamsAtClose;

	// Written once by the first force-close, before it aborts anything.
	private final AtomicBoolean counted = new AtomicBoolean();

	private volatile long inFlightCancelled;

	private volatile long streamsCancelled;

	SessionCloser(InFlightGate gate, RequestLauncher launcher, OpenStreams openStreams, CqlSession cqlSession,
			boolean closeCqlSession, Duration drainTimeout, ScheduledExecutorService timer, Executor completionExecutor,
			Runnable releaseResources) {
		this.gate = gate;
		this.launcher = launcher;
		this.openStreams = openStreams;
		this.cqlSession = cqlSession;
		this.closeCqlSession = closeCqlSession;
		this.drainTimeout = drainTimeout;
		this.timer = timer;
		this.completionExecutor = completionExecutor;
		this.releaseResources = releaseResources;
	}

	CompletableFuture<Void> closeAsync() {
		if (this.started.compareAndSet(false, true)) {
			recordAtClose();
			this.gate.close();
			this.launcher.refuseWaiting();
			ScheduledFuture<?> drainBound = scheduleForcedClose();
			this.gate.drained().whenComplete((ignored, error) -> {
				if (drainBound != null) {
					drainBound.cancel(false);
				}
				finish();
			});
		}
		else {
			// A close that lost the race to start returns only once admission has
			// stopped,
			// as the first one does: the winner may not have closed the gate yet.
			this.gate.close();
		}
		return this.closed.copy();
	}

	CompletableFuture<Void> forceCloseAsync() {
		this.forced = true;
		boolean first = this.started.compareAndSet(false, true);
		if (first) {
			recordAtClose();
		}
		this.gate.close();
		if (this.counted.compareAndSet(false, true)) {
			// Still in flight when the close stopped waiting: what the abort cancels (a
			// request finishing on its own in the meantime is counted here too).
			this.streamsCancelled = this.openStreams.count();
			this.inFlightCancelled = this.gate.count();
		}
		this.launcher.abortAll();
		this.openStreams.terminateAll();
		if (first) {
			this.gate.drained().whenComplete((ignored, error) -> finish());
		}
		return this.closed.copy();
	}

	private void recordAtClose() {
		this.streamsAtClose = this.openStreams.count();
		this.inFlightAtClose = this.gate.count();
	}

	private @Nullable ScheduledFuture<?> scheduleForcedClose() {
		try {
			return this.timer.schedule(this::forceCloseAsync, this.drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException | ArithmeticException ex) {
			return null;
		}
	}

	private void finish() {
		if (!this.finishing.compareAndSet(false, true)) {
			return;
		}
		CompletionStage<Void> driverClose;
		try {
			if (!this.closeCqlSession) {
				driverClose = CompletableFuture.completedFuture(null);
			}
			else {
				driverClose = this.forced ? this.cqlSession.forceCloseAsync() : this.cqlSession.closeAsync();
			}
		}
		catch (Throwable ex) {
			driverClose = CompletableFuture.failedFuture(ex);
		}
		driverClose.whenComplete((ignored, error) -> complete(error));
	}

	private void logOutcome(@Nullable Throwable error) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		long atClose = Math.max(this.inFlightAtClose, this.inFlightCancelled);
		long cancelled = this.inFlightCancelled;
		long streamsAtClose = Math.max(this.streamsAtClose, this.streamsCancelled);
		String outcome = (error != null) ? "closed with a failure of the driver session (" + error + ")"
				: (this.closeCqlSession ? "closed with its driver session" : "closed (its driver session left open)");
		logger.info(
				"async-cassandra session {}: {} in flight at close, {} drained, {} cancelled ({} of {} stream(s) "
						+ "cancelled; drain bound {})",
				outcome, atClose, atClose - cancelled, cancelled, this.streamsCancelled, streamsAtClose,
				this.drainTimeout);
	}

	private void complete(@Nullable Throwable error) {
		logOutcome(error);
		Runnable completion = () -> {
			try {
				this.releaseResources.run();
			}
			finally {
				if (error == null) {
					this.closed.complete(null);
				}
				else {
					this.closed.completeExceptionally(ExceptionMapper.map(error, this.drainTimeout));
				}
				this.timer.shutdownNow();
			}
		};
		try {
			this.completionExecutor.execute(completion);
		}
		catch (Throwable refusal) {
			ForkJoinPool.commonPool().execute(completion);
		}
	}

}
