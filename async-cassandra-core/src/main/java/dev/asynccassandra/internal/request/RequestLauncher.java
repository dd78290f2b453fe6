package dev.asynccassandra.internal.request;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.error.SessionBusyException;
import dev.asynccassandra.api.error.SessionBusyException.Reason;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import dev.asynccassandra.internal.observation.RequestObservation;
import dev.asynccassandra.internal.observation.RequestObservations;
import dev.asynccassandra.internal.request.RequestPlanner.Plan;
import dev.asynccassandra.internal.stream.PageFetcher;
import org.jspecify.annotations.Nullable;

/**
 * Runs every request of a session through the same steps: planning by the
 * {@link RequestPlanner} (the statement to send, the resolved timeout, the executor),
 * admission by the {@link InFlightGate}, a permit of the {@link AdmissionQueue} (waiting
 * in its queue when the session has its maximum in flight), a timeout backstop, tracking
 * for forced close, completion on the captured executor, and one query event. Its
 * {@link Owner} is the {@link RequestOwner} of every {@link RequestHandler} it starts.
 * Execute, prepare, batch and page fetches are launched on their own; the pages of row
 * streams nested in the stream's slot.
 */
public final class RequestLauncher {

	/**
	 * How often the backstop looks for overdue requests: a request the driver has not
	 * ended is ended between its timeout plus {@link Backstop#GRACE} and that plus this
	 * period.
	 */
	public static final Duration SWEEP_PERIOD = Duration.ofMillis(100);

	private final InFlightGate gate;

	private final AdmissionQueue admission;

	private final RequestEvents events;

	private final RequestPlanner planner;

	/** Starts an execution; made once so that requests do not capture a lambda each. */
	private final Function<Statement<?>, CompletionStage<AsyncResultSet>> execute;

	/** Starts a preparation; made once, like {@link #execute}. */
	private final Function<SimpleStatement, CompletionStage<PreparedStatement>> prepare;

	private final TrackedRequests inFlight = new TrackedRequests();

	private final RequestOwner owner = new Owner();

	private final RequestObservations observations;

	private volatile boolean aborting;

	/**
	 * Creates a launcher.
	 * @param cqlSession the driver session the requests go to
	 * @param defaultTimeout the session's default request timeout, or {@code null} for
	 * the driver profile's
	 * @param defaultExecutor completes the requests whose call names no executor, and
	 * every page of row streams
	 * @param gate admission and in-flight count
	 * @param maxInFlight how many requests may run at the driver at once
	 * @param maxQueued how many more may wait for one of those slots
	 * @param timer runs the timeout backstop and expires waiting requests every
	 * {@link #SWEEP_PERIOD}, and refreshes the driver profile's timeout every
	 * {@link RequestPlanner#REFRESH_PERIOD}, until it is shut down (after the session
	 * drained)
	 * @param publisher receives one event per request
	 * @param contextCapture captures the caller's context of each request
	 * @param observations starts the observation of each request
	 */
	public RequestLauncher(CqlSession cqlSession, @Nullable Duration defaultTimeout, Executor defaultExecutor,
			InFlightGate gate, int maxInFlight, int maxQueued, ScheduledExecutorService timer,
			QueryEventPublisher publisher, ContextCapture contextCapture, RequestObservations observations) {
		this.observations = observations;
		this.gate = gate;
		this.admission = new AdmissionQueue(maxInFlight, maxQueued);
		this.events = new RequestEvents(publisher);
		this.planner = new RequestPlanner(cqlSession.getContext().getConfig(), defaultTimeout, defaultExecutor,
				contextCapture);
		this.execute = cqlSession::executeAsync;
		this.prepare = cqlSession::prepareAsync;
		long period = SWEEP_PERIOD.toNanos();
		timer.scheduleWithFixedDelay(this::sweepOverdueSafely, period, period, TimeUnit.NANOSECONDS);
		long refresh = RequestPlanner.REFRESH_PERIOD.toNanos();
		timer.scheduleWithFixedDelay(this.planner::refreshDefaultProfileTimeout, refresh, refresh,
				TimeUnit.NANOSECONDS);
	}

	/**
	 * Runs a statement or a batch.
	 * @param statement the statement of the call
	 * @param options the call's options
	 * @return the caller's future; already failed with {@link SessionClosedException} if
	 * the session is closing
	 */
	public CompletableFuture<AsyncResult> execute(Statement<?> statement, QueryOptions options) {
		Plan<Statement<?>> plan = this.planner.plan(statement, options);
		Operation<AsyncResultSet, AsyncResult> operation = (statement instanceof BatchStatement) ? Operation.BATCH
				: Operation.EXECUTE;
		return launch(operation, plan.context(), this.execute, plan.statement());
	}

	/**
	 * Prepares a query.
	 * @param cql the query
	 * @param options the call's options
	 * @return the caller's future; already failed with {@link SessionClosedException} if
	 * the session is closing
	 */
	public CompletableFuture<PreparedStatement> prepare(String cql, QueryOptions options) {
		Plan<SimpleStatement> plan = this.planner.planPreparation(cql, options);
		return launch(Operation.PREPARE, plan.context(), this.prepare, plan.statement());
	}

	/**
	 * The page requests of a row stream: each page gets the guarantees of
	 * {@link #execute}, nested in the slot the stream holds.
	 * @param statement the streamed statement
	 * @param options the stream's options
	 * @return fetches the stream's pages
	 */
	public PageFetcher streamPages(Statement<?> statement, StreamOptions options) {
		Plan<Statement<?>> plan = this.planner.planStream(statement, options);
		return new StreamPageFetcher(this.owner, plan.statement(), plan.context());
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
	private <S, D, R> CompletableFuture<R> launch(Operation<D, R> operation, RequestContext context,
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
	private <S, D, R> CompletableFuture<R> launchNested(Operation<D, R> operation, RequestContext context,
			Function<? super S, ? extends CompletionStage<D>> call, S argument) {
		return launch(this.gate.tryAcquireNested(), true, operation, context, call, argument);
	}

	private <S, D, R> CompletableFuture<R> launch(boolean admitted, boolean nested, Operation<D, R> operation,
			RequestContext context, Function<? super S, ? extends CompletionStage<D>> call, S argument) {
		// Started on the calling thread, so that the caller's current observation is its
		// parent; it covers a wait in the admission queue.
		RequestObservation observation = this.observations.start(operation.kind(), argument, context.statementName());
		if (!admitted) {
			return refuse(operation, context, observation, new SessionClosedException(false));
		}
		// The backstop is armed here: the request is ended if the driver has not ended it
		// by its resolved timeout plus the grace.
		RequestHandler<D, R> handler = new RequestHandler<>(operation, this.owner, context, observation,
				System.nanoTime() + Backstop.delayNanos(context.timeout()));
		if (this.admission.tryAcquire()) {
			start(handler, call, argument);
			return handler;
		}
		int queued = this.admission.offer(handler, new QueuedStart<>(handler, call, argument), nested);
		if (queued == AdmissionQueue.QUEUED) {
			return handler;
		}
		this.gate.release();
		return refuse(operation, context, observation,
				(queued == AdmissionQueue.FULL) ? busy(Reason.QUEUE_FULL, context) : new SessionClosedException(false));
	}

	private <R> CompletableFuture<R> refuse(Operation<?, R> operation, RequestContext context,
			RequestObservation observation, Throwable refusal) {
		observation.stop(null, refusal);
		if (this.events.isEnabled()) {
			this.events.refused(operation.kind(), context, refusal);
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

	/**
	 * The launcher as its requests see it: only the steps a {@link RequestHandler} and
	 * its results take, kept off the launcher's own methods so that the session cannot
	 * call them.
	 */
	private final class Owner implements RequestOwner {

		@Override
		public CompletableFuture<AsyncResult> fetchNextPage(AsyncResultSet resultSet, RequestContext context) {
			return launch(Operation.PAGE, RequestLauncher.this.planner.nextPage(context), AsyncResultSet::fetchNextPage,
					resultSet);
		}

		@Override
		public CompletableFuture<AsyncResultSet> fetchStreamPage(boolean first, Statement<?> page,
				RequestContext context) {
			return launchNested(first ? Operation.STREAM_FIRST_PAGE : Operation.STREAM_PAGE, context,
					RequestLauncher.this.execute, page);
		}

		@Override
		public void leaveQueue(RequestHandler<?, ?> handler) {
			if (RequestLauncher.this.admission.remove(handler)) {
				RequestLauncher.this.gate.release();
			}
		}

		@Override
		public boolean isForceClosing() {
			return RequestLauncher.this.aborting;
		}

		@Override
		public void untrack(RequestHandler<?, ?> handler) {
			RequestLauncher.this.inFlight.remove(handler);
		}

		@Override
		public void returnPermit() {
			RequestLauncher.this.admission.release();
		}

		@Override
		public void releaseSlot() {
			RequestLauncher.this.gate.release();
		}

		@Override
		public RequestEvents events() {
			return RequestLauncher.this.events;
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
			return this.handler.startNanos() + Backstop.saturatedNanos(this.handler.context().timeout());
		}

		@Override
		void start() {
			this.handler.admittedFromQueue();
			RequestLauncher.this.start(this.handler, this.call, this.argument);
		}

	}

}
