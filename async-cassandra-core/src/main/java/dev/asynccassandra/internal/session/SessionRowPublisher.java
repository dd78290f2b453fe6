package dev.asynccassandra.internal.session;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import dev.asynccassandra.internal.request.InFlightGate;
import dev.asynccassandra.internal.stream.PageFetcher;
import dev.asynccassandra.internal.stream.PagingPublisher;

/**
 * A row stream of a session: the paging engine plus admission. Subscribing takes one
 * in-flight slot of the session (refused with {@link SessionClosedException} once the
 * session is closing) and registers the stream in the session's {@link OpenStreams}; the
 * slot is released and the stream unregistered exactly once when it ends, whether it
 * completes, fails, is cancelled or is ended by a forced close.
 *
 * @param <T> the type of the elements
 */
final class SessionRowPublisher<T> implements RowPublisher<T> {

	private static final int NOT_ADMITTED = 0;

	private static final int OPEN = 1;

	private static final int ENDED = 2;

	private final InFlightGate gate;

	private final OpenStreams openStreams;

	private final PagingPublisher<T> engine;

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private final AtomicInteger state = new AtomicInteger(NOT_ADMITTED);

	SessionRowPublisher(InFlightGate gate, OpenStreams openStreams, PageFetcher fetcher,
			Function<Row, ? extends T> rowMapper, StreamOptions options, Executor executor,
			ContextCapture contextCapture) {
		this.gate = gate;
		this.openStreams = openStreams;
		this.engine = new PagingPublisher<>(fetcher, rowMapper, options, executor, this::onTermination, contextCapture);
	}

	@Override
	public void subscribe(Flow.Subscriber<? super T> subscriber) {
		// Rule 1.9: a null subscriber is refused by throwing NullPointerException.
		Objects.requireNonNull(subscriber, "'subscriber' must not be null (Reactive Streams rule 1.9)");
		if (this.subscribed.compareAndSet(false, true)) {
			admit();
		}
		// The engine serves the first subscriber and refuses later ones (rule 1.11).
		this.engine.subscribe(subscriber);
	}

	private void admit() {
		if (!this.gate.tryAcquire()) {
			this.engine.terminate(new SessionClosedException(false));
			return;
		}
		boolean mayGoOn = this.openStreams.register(this);
		if (!this.state.compareAndSet(NOT_ADMITTED, OPEN)) {
			// Cancelled before the subscription: the engine has ended already.
			this.openStreams.unregister(this);
			this.gate.release();
			return;
		}
		if (!mayGoOn) {
			this.engine.terminate(new SessionClosedException(true));
		}
	}

	private void onTermination() {
		if (this.state.getAndSet(ENDED) == OPEN) {
			this.openStreams.unregister(this);
			this.gate.release();
		}
	}

	/**
	 * Ends the stream with an error (forced close).
	 * @param error the error the subscriber receives
	 */
	void terminate(Throwable error) {
		this.engine.terminate(error);
	}

	@Override
	public void cancel() {
		this.engine.cancel();
	}

	@Override
	public long pagesDelivered() {
		return this.engine.pagesDelivered();
	}

	@Override
	public String toString() {
		return "RowPublisher[state=" + this.state.get() + ", pagesDelivered=" + pagesDelivered() + "]";
	}

}
