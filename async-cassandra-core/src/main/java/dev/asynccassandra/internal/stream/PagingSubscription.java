package dev.asynccassandra.internal.stream;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.error.CompletionRejectedException;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamProgressListener;
import dev.asynccassandra.internal.context.CallerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription of a {@link PagingPublisher}: fetches pages one at a time through a
 * {@link PageFetcher} and delivers their rows within the subscriber's demand.
 * <p>
 * One drain loop does all the work (signals, progress events, fetch decisions, release),
 * serialized by the {@link #workInProgress} counter: whoever raises it from zero submits
 * the loop to the executor; everyone else only records what changed (demand, an arrived
 * page, cancellation) and the running loop does another pass. So no lock is ever held,
 * signals are serial (rule 1.3), {@code request} and {@code cancel} return at once (rules
 * 3.4 and 3.5) and {@code request} from {@code onNext} cannot recurse (rule 3.3). Fields
 * not marked otherwise belong to the loop.
 *
 * @param <T> the type of the elements
 */
final class PagingSubscription<T> implements Flow.Subscription {

	private static final Logger logger = LoggerFactory.getLogger(PagingSubscription.class);

	private final Executor executor;

	/** The subscriber's context, restored around every pass of the loop. */
	private final CallerContext caller;

	private final TerminationCallback termination;

	private final int prefetchPages;

	private final long maxPages;

	private final long maxRows;

	private final @Nullable ByteBuffer startingPagingState;

	/** Outstanding demand, capped at Long.MAX_VALUE (rule 3.17). Any thread. */
	private final AtomicLong requested = new AtomicLong();

	/** Passes of the drain loop still owed. Any thread. */
	private final AtomicInteger workInProgress = new AtomicInteger();

	/** The page request in flight (one at a time) and the hand-over of its outcome. */
	private final PageSlot pageSlot = new PageSlot(this::scheduleDrain);

	/** An error to signal at the next pass (rule 3.9 violation, forced end). */
	private final AtomicReference<@Nullable Throwable> externalError = new AtomicReference<>();

	private final ArrayDeque<FetchedPage> pages = new ArrayDeque<>();

	private volatile boolean cancelled;

	/** Written by the loop only; read by any thread. */
	private volatile long pagesDelivered;

	private Flow.@Nullable Subscriber<? super T> subscriber;

	private @Nullable PageFetcher fetcher;

	private @Nullable Function<Row, ? extends T> rowMapper;

	private @Nullable StreamProgressListener progressListener;

	private @Nullable ByteBuffer nextPagingState;

	private boolean subscribed;

	private boolean started;

	private boolean fetchInFlight;

	private boolean lastPageReceived;

	private boolean finished;

	private long pagesReceived;

	private long rowsReceived;

	private long rowsDelivered;

	PagingSubscription(Flow.Subscriber<? super T> subscriber, StreamSetup<T> setup, CallerContext caller) {
		this.subscriber = subscriber;
		this.caller = caller;
		this.fetcher = setup.fetcher();
		this.rowMapper = setup.rowMapper();
		this.executor = setup.executor();
		this.termination = setup.termination();
		StreamOptions options = setup.options();
		this.progressListener = options.progressListener();
		this.prefetchPages = options.prefetchPages();
		this.maxPages = options.maxPages();
		this.maxRows = options.maxRows();
		this.startingPagingState = options.startingPagingState();
	}

	/**
	 * Signals {@code onSubscribe} from the drain loop; nothing is fetched before the
	 * first request.
	 */
	void start() {
		scheduleDrain();
	}

	@Override
	public void request(long n) {
		if (this.cancelled) {
			// Rule 3.6: after cancellation, request is a no-op.
			return;
		}
		if (n <= 0) {
			// Rule 3.9: a non-positive request is signalled as IllegalArgumentException.
			this.externalError.compareAndSet(null, new IllegalArgumentException(
					"Reactive Streams rule 3.9: request(n) requires a positive n, was " + n));
		}
		else {
			Demand.add(this.requested, n);
		}
		scheduleDrain();
	}

	@Override
	public void cancel() {
		if (this.cancelled) {
			// Rule 3.7: cancel is idempotent.
			return;
		}
		this.cancelled = true;
		// Rules 3.5 and 3.13: return at once, stop the page request now, release the rest
		// (pages, subscriber, fetcher) in the drain loop.
		this.pageSlot.close();
		scheduleDrain();
	}

	/**
	 * Ends the stream with an error, for example when the session is force-closed: the
	 * pending page request is cancelled and the subscriber receives {@code onError}.
	 * @param error the error to signal
	 */
	void terminate(Throwable error) {
		this.externalError.compareAndSet(null, error);
		this.pageSlot.close();
		scheduleDrain();
	}

	long pagesDelivered() {
		return this.pagesDelivered;
	}

	private void scheduleDrain() {
		if (this.workInProgress.getAndIncrement() != 0) {
			// The running loop will do one more pass (rule 3.3: no recursion).
			return;
		}
		try {
			this.caller.execute(this.executor, this::drainLoop);
		}
		catch (RejectedExecutionException ex) {
			// The executor is shut down or saturated: end the stream rather than hang, as
			// the session does, on the common pool so that no subscriber code runs on the
			// calling thread (which may belong to the driver).
			this.externalError.compareAndSet(null, new CompletionRejectedException(ex));
			this.pageSlot.close();
			ForkJoinPool.commonPool().execute(this.caller.wrap(this::drainLoop));
		}
	}

	private void drainLoop() {
		int missed = 1;
		while (true) {
			drainPass();
			missed = this.workInProgress.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void drainPass() {
		if (this.finished) {
			return;
		}
		if (!this.subscribed) {
			this.subscribed = true;
			if (!SubscriberSignals.onSubscribe(subscriber(), this)) {
				release();
				return;
			}
		}
		if (this.cancelled) {
			release();
			return;
		}
		Throwable error = this.externalError.get();
		if (error != null) {
			fail(error);
			return;
		}
		takeArrival();
		if (this.finished) {
			return;
		}
		emitAvailableRows();
		if (this.finished) {
			return;
		}
		if (this.lastPageReceived && !this.fetchInFlight && this.pages.isEmpty()) {
			complete();
			return;
		}
		fetchIfRoom();
	}

	private void takeArrival() {
		PageSlot.Arrival arrived = this.pageSlot.takeArrival();
		if (arrived == null) {
			return;
		}
		this.fetchInFlight = false;
		AsyncResultSet resultSet = arrived.page();
		if (resultSet == null) {
			// The stream ends at once: buffered pages are dropped, not delivered first,
			// so a
			// resume from the last progress event yields them again.
			fail(StreamErrors.toSubscriberError(failureOf(arrived)));
			return;
		}
		FetchedPage page;
		try {
			page = FetchedPage.of(resultSet, this.pagesReceived + 1, this.progressListener != null);
		}
		catch (RuntimeException ex) {
			fail(StreamErrors.toSubscriberError(ex));
			return;
		}
		this.pagesReceived++;
		this.rowsReceived += page.rowsInPage();
		this.nextPagingState = page.nextPagingState();
		this.lastPageReceived = !page.hasMorePages() || this.pagesReceived >= this.maxPages
				|| this.rowsReceived >= this.maxRows;
		this.pages.add(page);
	}

	private void emitAvailableRows() {
		long demand = this.requested.get();
		if (demand > 0) {
			this.started = true;
		}
		long emitted = 0;
		while (true) {
			if (this.cancelled) {
				release();
				return;
			}
			FetchedPage page = this.pages.peek();
			if (page == null) {
				break;
			}
			if (!page.hasNextRow()) {
				// Delivered in full (or empty): needs no demand.
				this.pages.poll();
				pageDelivered(page);
				continue;
			}
			if (emitted == demand) {
				break;
			}
			if (!emitNext(page)) {
				return;
			}
			emitted++;
			if (this.rowsDelivered >= this.maxRows) {
				completeAtRowLimit(page);
				return;
			}
		}
		if (emitted > 0) {
			Demand.subtract(this.requested, emitted);
		}
	}

	private void completeAtRowLimit(FetchedPage page) {
		if (!page.hasNextRow()) {
			this.pages.poll();
			pageDelivered(page);
		}
		if (this.cancelled) {
			release();
		}
		else {
			complete();
		}
	}

	private boolean emitNext(FetchedPage page) {
		T element;
		try {
			element = mapRow(page.nextRow());
		}
		catch (Throwable ex) {
			fail(StreamErrors.toSubscriberError(ex));
			return false;
		}
		if (!SubscriberSignals.onNext(subscriber(), element)) {
			// Rule 2.13: a throwing subscriber is treated as having cancelled.
			this.cancelled = true;
			release();
			return false;
		}
		this.rowsDelivered++;
		return true;
	}

	private T mapRow(Row row) {
		Function<Row, ? extends T> mapper = this.rowMapper;
		T element = (mapper != null) ? mapper.apply(row) : null;
		if (element == null) {
			// Rule 2.13: onNext never receives null.
			throw new NullPointerException("The row mapper returned null");
		}
		return element;
	}

	private void pageDelivered(FetchedPage page) {
		page.release();
		this.pagesDelivered = this.pagesDelivered + 1;
		StreamProgressListener listener = this.progressListener;
		if (listener == null) {
			return;
		}
		// Called from the drain loop, which holds no lock: the listener may call request
		// or
		// cancel, which only record the change for the loop's next pass.
		try {
			listener.onPage(page.toProgress(this.rowsDelivered));
		}
		catch (RuntimeException ex) {
			logger.warn("Stream progress listener failed on page {}; the stream goes on", this.pagesDelivered, ex);
		}
	}

	private void fetchIfRoom() {
		PageFetcher pageFetcher = this.fetcher;
		if (!this.started || this.fetchInFlight || this.lastPageReceived || pageFetcher == null
				|| this.pages.size() >= this.prefetchPages) {
			return;
		}
		this.fetchInFlight = true;
		ByteBuffer pagingState = (this.pagesReceived == 0) ? this.startingPagingState : this.nextPagingState;
		this.pageSlot.request(pageFetcher, pagingState);
	}

	private void complete() {
		Flow.Subscriber<? super T> target = subscriber();
		release();
		SubscriberSignals.onComplete(target);
	}

	private void fail(Throwable error) {
		Flow.Subscriber<? super T> target = subscriber();
		release();
		SubscriberSignals.onError(target, error);
	}

	/**
	 * Ends the stream: no further fetch or signal, every page and every reference to the
	 * subscriber, the fetcher (driver state) and the mapper dropped, the termination
	 * callback run. Rules 1.6 and 3.13.
	 */
	private void release() {
		this.finished = true;
		this.cancelled = true;
		this.pageSlot.close();
		for (FetchedPage page : this.pages) {
			page.release();
		}
		this.pages.clear();
		this.nextPagingState = null;
		this.subscriber = null;
		this.fetcher = null;
		this.rowMapper = null;
		this.progressListener = null;
		this.termination.run();
	}

	private Flow.Subscriber<? super T> subscriber() {
		Flow.Subscriber<? super T> target = this.subscriber;
		if (target == null) {
			throw new IllegalStateException("Stream already ended");
		}
		return target;
	}

	private static Throwable failureOf(PageSlot.Arrival arrived) {
		Throwable failure = arrived.failure();
		return (failure != null) ? failure : new IllegalStateException("Page request ended without a page");
	}

}
