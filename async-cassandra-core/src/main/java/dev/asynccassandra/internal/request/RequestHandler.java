package dev.asynccassandra.internal.request;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import dev.asynccassandra.api.error.CauseChain;
import dev.asynccassandra.api.error.CompletionRejectedException;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.internal.error.ExceptionMapper;
import dev.asynccassandra.internal.observation.RequestObservation;
import org.jspecify.annotations.Nullable;

/**
 * One admitted request, from the driver call to the completion of the caller's future,
 * which is this object (one allocation per request instead of a handler and a future; the
 * caller sees it as a {@link CompletableFuture}).
 * <p>
 * The driver future ends exactly once (normally, failed, or cancelled by the caller, the
 * timeout backstop or a forced close); that single event stops tracking (so the session's
 * backstop sweep no longer sees the request) and hands the outcome to the captured
 * executor, whose task releases the in-flight slot and then completes the caller's
 * future. So a session has drained only when every admitted future has been completed,
 * and its own executor is never shut down under a pending completion. The caller's future
 * ending first (cancel, or completed by the caller) cancels the driver future and
 * releases the slot at once.
 * <p>
 * {@link #accept} (the driver callback) and {@link #run} (the hand-off task) are public
 * only because their interfaces require it: callers hold this object as a
 * {@link CompletableFuture}, neither method is part of the API, and each acts only once,
 * at its step, so a caller who casts the future and calls them changes nothing.
 *
 * @param <D> what the driver returns
 * @param <R> what the caller receives
 */
final class RequestHandler<D, R> extends RequestFuture<R>
		implements TrackedRequests.Entry, BiConsumer<D, Throwable>, Runnable {

	private static final VarHandle ABORT_REASON;

	private static final VarHandle STAGE;

	private static final VarHandle EVENT_CLAIMED;

	/** {@link #stage}: the driver request is running. */
	private static final byte STARTED = 0;

	/** {@link #stage}: the driver future ended and its outcome is being handed over. */
	private static final byte DRIVER_ENDED = 1;

	/** {@link #stage}: the hand-off task ran. */
	private static final byte HANDED_OVER = 2;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			ABORT_REASON = lookup.findVarHandle(RequestHandler.class, "abortReason", Throwable.class);
			STAGE = lookup.findVarHandle(RequestHandler.class, "stage", byte.class);
			EVENT_CLAIMED = lookup.findVarHandle(RequestHandler.class, "eventClaimed", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Operation<D, R> operation;

	/** The launcher that started the request, as the request may see it. */
	private final RequestOwner owner;

	private final RequestContext context;

	/** Stopped once, with the driver's outcome or the failure the caller sees. */
	private final RequestObservation observation;

	/** Why the request was ended early; set once, through {@link #ABORT_REASON}. */
	private volatile @Nullable Throwable abortReason;

	private volatile @Nullable CompletableFuture<D> driverFuture;

	/**
	 * When the backstop ends the request if the driver has not ({@code nanoTime}); the
	 * start time is this minus the backstop delay of the context's timeout.
	 */
	private final long deadlineNanos;

	/**
	 * The driver's outcome handed to the executor (a value, or the failure when
	 * {@link #deliveredFailure} is set); written before the hand-off, which publishes it
	 * to {@link #run()}.
	 */
	private @Nullable Object delivered;

	private boolean deliveredFailure;

	/**
	 * How far the request got; moved forward once per step through {@link #STAGE}, so
	 * that {@link #accept} and {@link #run} act once even if called again.
	 */
	@SuppressWarnings("unused") // written through STAGE
	private volatile byte stage = STARTED;

	/**
	 * Whether the request's one query event was claimed, through {@link #EVENT_CLAIMED}.
	 */
	@SuppressWarnings("unused") // written through EVENT_CLAIMED
	private volatile boolean eventClaimed;

	/**
	 * How long the request waited for a permit in the admission queue, in nanoseconds;
	 * written before the request starts or fails there, and read after its hand-off.
	 */
	private long admissionWaitNanos;

	/** Tracking links, guarded by the launcher's {@link TrackedRequests}. */
	private TrackedRequests.@Nullable Entry previous;

	private TrackedRequests.@Nullable Entry next;

	RequestHandler(Operation<D, R> operation, RequestOwner owner, RequestContext context,
			RequestObservation observation, long deadlineNanos) {
		this.operation = operation;
		this.owner = owner;
		this.context = context;
		this.observation = observation;
		this.deadlineNanos = deadlineNanos;
	}

	<S> void start(Function<? super S, ? extends CompletionStage<D>> call, S argument) {
		CompletableFuture<D> future;
		if (this.abortReason != null || isDone()) {
			future = CompletableFuture.failedFuture(new CancellationException("Aborted before start"));
		}
		else {
			future = callDriver(call, argument);
		}
		this.driverFuture = future;
		if (this.abortReason != null) {
			future.cancel(false);
		}
		future.whenComplete(this);
	}

	private static <S, D> CompletableFuture<D> callDriver(Function<? super S, ? extends CompletionStage<D>> call,
			S argument) {
		try {
			return call.apply(argument).toCompletableFuture();
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Ends the request early: cancels the driver request, and fails the caller's future
	 * with the given reason unless it has already ended. The first reason wins.
	 * @param reason the failure the caller sees
	 */
	void abort(Throwable reason) {
		if (ABORT_REASON.compareAndSet(this, null, reason)) {
			CompletableFuture<D> future = this.driverFuture;
			if (future != null) {
				future.cancel(false);
			}
		}
	}

	void onTimeout() {
		abort(new QueryTimeoutException(this.context.timeout()));
	}

	/**
	 * The request leaves the admission queue with a permit, to be started.
	 */
	void admittedFromQueue() {
		this.admissionWaitNanos = System.nanoTime() - startNanos();
	}

	/**
	 * The request, removed from the admission queue without a permit, fails: handed to
	 * the executor like a driver failure, and its in-flight slot released there.
	 * @param reason the failure the caller sees
	 */
	void failWaiting(Throwable reason) {
		this.admissionWaitNanos = System.nanoTime() - startNanos();
		if (!STAGE.compareAndSet(this, STARTED, DRIVER_ENDED)) {
			return;
		}
		if (isDone()) {
			this.owner.releaseSlot();
			return;
		}
		deliver(null, reason);
	}

	/**
	 * The driver future ended; runs on whichever thread ended it (often a driver I/O
	 * thread), so it only releases and hands over.
	 */
	@Override
	public void accept(@Nullable D value, @Nullable Throwable error) {
		CompletableFuture<D> future = this.driverFuture;
		if (future == null || !future.isDone() || !STAGE.compareAndSet(this, STARTED, DRIVER_ENDED)) {
			return;
		}
		this.owner.untrack(this);
		try {
			if (isDone()) {
				this.owner.releaseSlot();
				return;
			}
			deliver(value, (error != null) ? failureOf(error) : null);
		}
		finally {
			// After the hand-off: the permit may start waiting requests on this thread.
			this.owner.returnPermit();
		}
	}

	/**
	 * What the caller sees for the driver's failure: the abort reason if the abort's
	 * cancellation ended the request; and once a forced close has begun, a
	 * {@link SessionClosedException} (admitted) whatever the failure, with the driver's
	 * own failure as its cause (a closing pool fails requests before the close's
	 * cancellation reaches them).
	 */
	private Throwable failureOf(Throwable error) {
		Throwable failure = error;
		Throwable reason = this.abortReason;
		if (reason != null && CauseChain.unwrap(error) instanceof CancellationException) {
			failure = reason;
		}
		if (failure instanceof SessionClosedException || !this.owner.isForceClosing()) {
			return failure;
		}
		return new SessionClosedException(true, ExceptionMapper.map(failure, this.context.timeout()));
	}

	private void deliver(@Nullable D value, @Nullable Throwable failure) {
		try {
			this.delivered = (failure != null) ? failure : value;
			this.deliveredFailure = failure != null;
			this.context.handOff(this);
		}
		catch (Throwable refusal) {
			if (!STAGE.compareAndSet(this, DRIVER_ENDED, HANDED_OVER)) {
				// The executor ran the task (or took it) before it threw: the task ends
				// the request, and releasing here too would free a slot twice.
				return;
			}
			this.delivered = null;
			RejectedExecutionException rejection = (refusal instanceof RejectedExecutionException rejected) ? rejected
					: new RejectedExecutionException(refusal);
			CompletionRejectedException exception = new CompletionRejectedException(rejection);
			if (failure != null) {
				exception.addSuppressed(ExceptionMapper.map(failure, this.context.timeout()));
			}
			this.observation.stop(null, exception);
			publishOnce(0, exception);
			this.owner.releaseSlot();
			ForkJoinPool.commonPool().execute(this.context.caller().wrap(() -> completeExceptionally(exception)));
		}
	}

	/**
	 * The hand-off to the captured executor (the handler is its own task, so without a
	 * caller's context to restore the hand-off allocates nothing): adapts the outcome,
	 * publishes the query event, releases the slot, then completes the caller's future.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public void run() {
		if (!STAGE.compareAndSet(this, DRIVER_ENDED, HANDED_OVER)) {
			return;
		}
		Object outcome = this.delivered;
		boolean failed = this.deliveredFailure;
		this.delivered = null;
		if (failed) {
			finish(null, ExceptionMapper.map((Throwable) outcome, this.context.timeout()), 0);
			return;
		}
		D value = (D) outcome;
		// Before the result is adapted, so before anyone can consume the page.
		this.observation.stop(value, null);
		int rows = rowsOf(value);
		R adapted;
		try {
			adapted = this.operation.adapt(value, this.owner, this.context);
		}
		catch (Throwable ex) {
			finish(null, ExceptionMapper.map(ex, this.context.timeout()), 0);
			return;
		}
		finish(adapted, null, rows);
	}

	/**
	 * The event goes out before the slot is released, so a close that has drained finds
	 * the events of all its requests queued; then the caller's future completes.
	 */
	private void finish(@Nullable R value, @Nullable Throwable failure, int rows) {
		this.observation.stop(null, failure);
		publishOnce(rows, failure);
		this.owner.releaseSlot();
		if (failure != null) {
			completeExceptionally(failure);
		}
		else {
			complete(value);
		}
	}

	/**
	 * The caller's future ended, by this handler or by the caller (cancelled or completed
	 * by the caller: the event, claimed first, goes out before the driver request is
	 * cancelled and its slot released).
	 */
	@Override
	void onEnded(@Nullable Throwable error) {
		this.observation.stop(null, error);
		publishOnce(0, error);
		CompletableFuture<D> future = this.driverFuture;
		if (future == null) {
			this.owner.leaveQueue(this);
		}
		else if (!future.isDone()) {
			future.cancel(false);
		}
	}

	/**
	 * Publishes the request's one event, unless another path claimed it first or the
	 * session has no listener (then there is nothing to claim).
	 */
	private void publishOnce(int rows, @Nullable Throwable error) {
		RequestEvents events = this.owner.events();
		if (events.isEnabled() && EVENT_CLAIMED.compareAndSet(this, false, true)) {
			events.ended(this.operation.kind(), this.context, startNanos(), this.admissionWaitNanos, rows, error);
		}
	}

	/**
	 * Rows in the page a request returned, read before the result is adapted, so before
	 * anyone can consume the page.
	 */
	private static int rowsOf(@Nullable Object value) {
		if (value instanceof AsyncResultSet resultSet) {
			return resultSet.remaining();
		}
		return 0;
	}

	long deadlineNanos() {
		return this.deadlineNanos;
	}

	/** When the call was made ({@code nanoTime}). */
	long startNanos() {
		return this.deadlineNanos - Backstop.delayNanos(this.context.timeout());
	}

	RequestContext context() {
		return this.context;
	}

	@Override
	public TrackedRequests.@Nullable Entry previous() {
		return this.previous;
	}

	@Override
	public void linkPrevious(TrackedRequests.@Nullable Entry previous) {
		this.previous = previous;
	}

	@Override
	public TrackedRequests.@Nullable Entry next() {
		return this.next;
	}

	@Override
	public void linkNext(TrackedRequests.@Nullable Entry next) {
		this.next = next;
	}

}
