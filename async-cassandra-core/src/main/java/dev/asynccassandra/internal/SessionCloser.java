package dev.asynccassandra.internal;

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
import org.jspecify.annotations.Nullable;

/**
 * Closes a session once, however many callers ask: stops admission, drains or aborts
 * in-flight requests and open row streams, closes the driver session at most once,
 * releases the session's own threads, and completes one shared future on the session's
 * executor.
 */
final class SessionCloser {

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
		return this.closed;
	}

	CompletableFuture<Void> forceCloseAsync() {
		this.forced = true;
		boolean first = this.started.compareAndSet(false, true);
		this.gate.close();
		this.launcher.abortAll();
		this.openStreams.terminateAll();
		if (first) {
			this.gate.drained().whenComplete((ignored, error) -> finish());
		}
		return this.closed;
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

	private void complete(@Nullable Throwable error) {
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
