package dev.asynccassandra.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.SessionBusyException;
import dev.asynccassandra.api.error.SessionBusyException.Reason;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import dev.asynccassandra.internal.error.ExceptionMapper;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import org.jspecify.annotations.Nullable;

/**
 * Runs every request of a session through the same steps: admission by the
 * {@link InFlightGate}, a permit of the {@link AdmissionQueue} (waiting in its queue when
 * the session has its maximum in flight), a timeout backstop, tracking for forced close,
 * completion on the captured executor, and one query event. Execute, prepare, batch and
 * page fetches go through {@link #launch}; the pages of row streams through
 * {@link #launchNested}.
 */
public final class RequestLauncher {

	/**
	 * How long after a request's timeout the backstop ends a request the driver has not
	 * ended; longer than the driver's timer tick (100 ms by default) so the driver's own
	 * {@code DriverTimeoutException} normally wins.
	 */
	public static final Duration TIMEOUT_GRACE = Duration.ofMillis(500);

	/**
	 * How often the backstop looks for overdue requests: a request the driver has not
	 * ended is ended between its timeout plus {@link #TIMEOUT_GRACE} and that plus this
	 * period.
	 */
	public static final Duration SWEEP_PERIOD = Duration.ofMillis(100);

	private static final long MAX_DELAY_NANOS = Long.MAX_VALUE / 4;

	private static final long GRACE_NANOS = TIMEOUT_GRACE.toNanos();

	private final InFlightGate gate;

	private final AdmissionQueue admission;

	private final QueryEventPublisher publisher;

	private final TrackedRequests inFlight = new TrackedRequests();

	private volatile boolean aborting;

	/**
	 * Creates a launcher without a bound on requests in flight.
	 * @param gate admission and in-flight count
	 * @param timer runs the timeout backstop every {@link #SWEEP_PERIOD} until it is shut
	 * down (after the session drained)
	 * @param publisher receives one event per request
	 */
	public RequestLauncher(InFlightGate gate, ScheduledExecutorService timer, QueryEventPublisher publisher) {
		this(gate, Integer.MAX_VALUE, 0, timer, publisher);
	}

	/**
	 * Creates a launcher.
	 * @param gate admission and in-flight count
	 * @param maxInFlight how many requests may run at the driver at once
	 * @param maxQueued how many more may wait for one of those slots
	 * @param timer runs the timeout backstop and expires waiting requests every
	 * {@link #SWEEP_PERIOD} until it is shut down (after the session drained)
	 * @param publisher receives one event per request
	 */
	public RequestLauncher(InFlightGate gate, int maxInFlight, int maxQueued, ScheduledExecutorService timer,
			QueryEventPublisher publisher) {
		this.gate = gate;
		this.admission = new AdmissionQueue(maxInFlight, maxQueued);
		this.publisher = publisher;
		long period = SWEEP_PERIOD.toNanos();
		timer.scheduleWithFixedDelay(this::sweepOverdueSafely, period, period, TimeUnit.NANOSECONDS);
	}

	private void sweepOverdueSafely() {
		try {
			sweepOverdue();
		}
		catch (Throwable ex) {
			// A periodic task that throws is never run again: the backstop must survive
			// anything one request does.
		}
	}

	/**
	 * Admits and starts a request.
	 * @param <S> what the driver call takes
	 * @param <D> what the driver returns
	 * @param <R> what the caller receives
	 * @param operation the kind of request, for events, and how its result is adapted (on
	 * the executor)
	 * @param context executor, timeout and name captured at the call
	 * @param call starts the driver request; a function of its argument so that callers
	 * can pass one made once per session instead of a capturing lambda per request
	 * @param argument what {@code call} is applied to
	 * @return the caller's future; already failed with {@link SessionClosedException} if
	 * the session is closing
	 */
	public <S, D, R> CompletableFuture<R> launch(Operation<D, R> operation, RequestContext context,
			Function<? super S, ? extends CompletionStage<D>> call, S argument) {
		return launch(this.gate.tryAcquire(), false, operation, context, call, argument);
	}

	/**
	 * Admits and starts a request made on behalf of work that already holds an in-flight
	 * slot (a page of an open row stream): admitted even while a graceful close drains,
	 * with a slot of its own, and otherwise handled like {@link #launch}.
	 * @param <S> what the driver call takes
	 * @param <D> what the driver returns
	 * @param <R> what the caller receives
	 * @param operation the kind of request, for events, and how its result is adapted
	 * @param context executor, timeout and name captured at the call
	 * @param call starts the driver request
	 * @param argument what {@code call} is applied to
	 * @return the caller's future; failed with {@link SessionClosedException} if the
	 * session was force-closed
	 */
	public <S, D, R> CompletableFuture<R> launchNested(Operation<D, R> operation, RequestContext context,
			Function<? super S, ? extends CompletionStage<D>> call, S argument) {
		return launch(this.gate.tryAcquireNested(), true, operation, context, call, argument);
	}

	private <S, D, R> CompletableFuture<R> launch(boolean admitted, boolean nested, Operation<D, R> operation,
			RequestContext context, Function<? super S, ? extends CompletionStage<D>> call, S argument) {
		if (!admitted) {
			return refuse(operation, context, new SessionClosedException(false));
		}
		RequestHandler<D, R> handler = new RequestHandler<>(operation, context,
				System.nanoTime() + backstopDelayNanos(context.timeout()));
		if (this.admission.tryAcquire()) {
			start(handler, call, argument);
			return handler;
		}
		int queued = this.admission.offer(handler, new QueuedStart<>(handler, call, argument), nested);
		if (queued == AdmissionQueue.QUEUED) {
			return handler;
		}
		this.gate.release();
		return refuse(operation, context,
				(queued == AdmissionQueue.FULL) ? busy(Reason.QUEUE_FULL, context) : new SessionClosedException(false));
	}

	private <R> CompletableFuture<R> refuse(Operation<?, R> operation, RequestContext context, Throwable refusal) {
		if (publishesEvents()) {
			publishEvent(operation.kind(), Outcome.REJECTED, refusal.getClass(), 0, 0, 0, context.statementName());
		}
		return CompletableFuture.failedFuture(refusal);
	}

	private SessionBusyException busy(Reason reason, RequestContext context) {
		return new SessionBusyException(reason, this.admission.maxInFlight(), this.admission.maxQueued(),
				context.timeout());
	}

	/**
	 * Starts a request that holds its permit: tracked first, so that a forced close
	 * either sees it or is seen by it.
	 */
	private <S, D, R> void start(RequestHandler<D, R> handler, Function<? super S, ? extends CompletionStage<D>> call,
			S argument) {
		this.inFlight.add(handler);
		if (this.aborting) {
			handler.abort(new SessionClosedException(true));
		}
		handler.start(call, argument);
	}

	/**
	 * Cancels every request in flight, now and later admitted-but-not-started ones; their
	 * futures fail with {@link SessionClosedException}; requests waiting for a permit
	 * fail with {@link SessionClosedException} (not admitted: they were not sent).
	 */
	public void abortAll() {
		this.aborting = true;
		failWaiting(this.admission.close(true), new SessionClosedException(false));
		for (TrackedRequests.Entry entry : this.inFlight.select((entry) -> true)) {
			((RequestHandler<?, ?>) entry).abort(new SessionClosedException(true));
		}
	}

	/**
	 * A graceful close began: the requests waiting for a permit fail with
	 * {@link SessionClosedException} (not admitted: they were not sent), except the pages
	 * of open row streams, which the close lets finish.
	 */
	public void refuseWaiting() {
		failWaiting(this.admission.close(false), new SessionClosedException(false));
	}

	private void failWaiting(List<AdmissionQueue.Waiter> waiters, Throwable reason) {
		for (AdmissionQueue.Waiter waiter : waiters) {
			waiter.handler().failWaiting(reason);
		}
	}

	/**
	 * The caller's future of a request ended before the request started; if it still
	 * waits for a permit, it leaves the queue and its in-flight slot is released.
	 */
	void cancelWaiting(RequestHandler<?, ?> handler) {
		if (this.admission.remove(handler)) {
			this.gate.release();
		}
	}

	/**
	 * Requests waiting for a permit.
	 * @return the admission queue's size
	 */
	public int queuedCount() {
		return this.admission.queuedCount();
	}

	/**
	 * The bound on requests at the driver.
	 * @return how many requests may run at once
	 */
	public int maxInFlight() {
		return this.admission.maxInFlight();
	}

	/**
	 * Whether a forced close has begun: from then on every failure of an admitted request
	 * is reported as a {@link SessionClosedException}.
	 * @return {@code true} once {@link #abortAll()} was called
	 */
	boolean isForceClosing() {
		return this.aborting;
	}

	/**
	 * The timeout backstop: ends every tracked request whose deadline has passed. One
	 * task per session instead of a timer task per request, so a request allocates
	 * nothing for its backstop; the driver's own timeout is the precise one (the resolved
	 * timeout is on the statement, or is the one the driver resolves itself).
	 */
	void sweepOverdue() {
		long now = System.nanoTime();
		for (AdmissionQueue.Waiter waiter : this.admission.expire(now)) {
			RequestHandler<?, ?> handler = waiter.handler();
			handler.failWaiting(busy(Reason.QUEUE_TIMEOUT, handler.context()));
		}
		List<TrackedRequests.Entry> overdue = this.inFlight
			.select((entry) -> now - ((RequestHandler<?, ?>) entry).deadlineNanos() >= 0);
		for (TrackedRequests.Entry entry : overdue) {
			((RequestHandler<?, ?>) entry).onTimeout();
		}
	}

	static long backstopDelayNanos(Duration timeout) {
		return Math.min(saturatedNanos(timeout) + GRACE_NANOS, MAX_DELAY_NANOS);
	}

	/**
	 * The driver request of a started request ended: no longer tracked.
	 */
	void untrack(RequestHandler<?, ?> handler) {
		this.inFlight.remove(handler);
	}

	/**
	 * A started request's permit goes to the next waiting request (started on this
	 * thread) or back to the pool.
	 */
	void returnPermit() {
		this.admission.release();
	}

	void release() {
		this.gate.release();
	}

	/**
	 * Rows in the page a request returned, read before the result is adapted, so before
	 * anyone can consume the page.
	 */
	static int rowsOf(@Nullable Object value) {
		if (value instanceof AsyncResultSet resultSet) {
			return resultSet.remaining();
		}
		return 0;
	}

	/**
	 * Whether events go anywhere: {@code false} when the session has no listener, so a
	 * request need not claim its event.
	 */
	boolean publishesEvents() {
		return this.publisher.isEnabled();
	}

	/**
	 * Publishes the event of an ended request; called only when
	 * {@link #publishesEvents()}.
	 */
	void publish(OperationKind kind, RequestContext context, long startNanos, long waitNanos, int rows,
			@Nullable Throwable error) {
		long latencyNanos = System.nanoTime() - startNanos;
		if (error == null) {
			publishEvent(kind, Outcome.SUCCESS, null, latencyNanos, waitNanos, rows, context.statementName());
			return;
		}
		Throwable failure = ExceptionMapper.unwrap(error);
		publishEvent(kind, outcomeOf(failure), failure.getClass(), latencyNanos, waitNanos, 0, context.statementName());
	}

	private static Outcome outcomeOf(Throwable failure) {
		if (failure instanceof CancellationException) {
			return Outcome.CANCELLED;
		}
		if (failure instanceof SessionBusyException
				|| (failure instanceof SessionClosedException closed && !closed.wasAdmitted())) {
			return Outcome.REJECTED;
		}
		if (failure instanceof DriverTimeoutException || failure instanceof QueryTimeoutException) {
			return Outcome.TIMEOUT;
		}
		return Outcome.FAILURE;
	}

	private void publishEvent(OperationKind kind, Outcome outcome, @Nullable Class<? extends Throwable> exceptionClass,
			long latencyNanos, long waitNanos, int rows, @Nullable String statementName) {
		try {
			this.publisher
				.publish(new QueryEvent(kind, outcome, exceptionClass, latencyNanos, rows, statementName, waitNanos));
		}
		catch (Throwable ex) {
			// Metrics never fail a query: a publisher breaking its contract is ignored.
		}
	}

	/**
	 * A request waiting for a permit, and how to start it once it has one.
	 */
	private final class QueuedStart<S, D, R> extends AdmissionQueue.Waiter {

		private final RequestHandler<D, R> handler;

		private final Function<? super S, ? extends CompletionStage<D>> call;

		private final S argument;

		QueuedStart(RequestHandler<D, R> handler, Function<? super S, ? extends CompletionStage<D>> call, S argument) {
			this.handler = handler;
			this.call = call;
			this.argument = argument;
		}

		@Override
		RequestHandler<?, ?> handler() {
			return this.handler;
		}

		@Override
		long queueDeadlineNanos() {
			return this.handler.startNanos() + saturatedNanos(this.handler.context().timeout());
		}

		@Override
		void start() {
			this.handler.admittedFromQueue();
			RequestLauncher.this.start(this.handler, this.call, this.argument);
		}

	}

	static long saturatedNanos(Duration duration) {
		try {
			return Math.min(duration.toNanos(), MAX_DELAY_NANOS);
		}
		catch (ArithmeticException ex) {
			return MAX_DELAY_NANOS;
		}
	}

}
