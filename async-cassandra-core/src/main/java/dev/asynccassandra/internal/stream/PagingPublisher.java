package dev.asynccassandra.internal.stream;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.CallerContext;
import dev.asynccassandra.internal.context.ContextCapture;

/**
 * The engine of row streams: a single-subscriber {@link RowPublisher} that fetches pages
 * through a {@link PageFetcher} only on demand, holds at most
 * {@link StreamOptions#prefetchPages()} pages (received or in flight), applies the limits
 * and progress listener of its {@link StreamOptions}, and delivers every signal on its
 * executor.
 * <p>
 * Single subscriber: the first subscriber gets the stream; any later one receives
 * {@code onSubscribe} then {@code onError} with an {@link IllegalStateException} (rules
 * 1.9 and 1.11). A session that wants cold re-subscription creates one publisher per
 * subscriber. The termination callback runs exactly once: when the stream completes,
 * fails or is cancelled (before its terminal signal is delivered), or when
 * {@link #cancel()} or {@link #terminate(Throwable)} ends it before any subscriber came.
 * It never runs for a publisher that is neither subscribed nor cancelled.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public final class PagingPublisher<T> implements RowPublisher<T> {

	/**
	 * A {@link StreamSetup} until the first subscriber, then its
	 * {@link PagingSubscription}, or the {@link Throwable} that ended the stream before
	 * any subscriber.
	 */
	private final AtomicReference<Object> state;

	private final Executor executor;

	private final ContextCapture contextCapture;

	/**
	 * Creates a stream; nothing happens until a subscriber requests rows.
	 * @param fetcher fetches each page
	 * @param rowMapper turns each row into an element; a mapper that throws or returns
	 * {@code null} fails the stream
	 * @param options the stream's options
	 * @param executor delivers every signal and runs the progress listener
	 * @param onTermination runs exactly once when the stream ends, however it ends
	 * @param contextCapture captures the subscriber's context when it subscribes,
	 * restored around every signal
	 */
	public PagingPublisher(PageFetcher fetcher, Function<Row, ? extends T> rowMapper, StreamOptions options,
			Executor executor, Runnable onTermination, ContextCapture contextCapture) {
		Objects.requireNonNull(fetcher, "'fetcher' must not be null");
		Objects.requireNonNull(rowMapper, "'rowMapper' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		Objects.requireNonNull(executor, "'executor' must not be null");
		Objects.requireNonNull(onTermination, "'onTermination' must not be null");
		Objects.requireNonNull(contextCapture, "'contextCapture' must not be null");
		this.executor = executor;
		this.contextCapture = contextCapture;
		this.state = new AtomicReference<>(
				new StreamSetup<T>(fetcher, rowMapper, options, executor, new TerminationCallback(onTermination)));
	}

	@Override
	public void subscribe(Flow.Subscriber<? super T> subscriber) {
		// Rule 1.9: a null subscriber is refused by throwing NullPointerException.
		Objects.requireNonNull(subscriber, "'subscriber' must not be null (Reactive Streams rule 1.9)");
		CallerContext caller = this.contextCapture.capture();
		Object current = this.state.get();
		if (current instanceof StreamSetup<?> setup) {
			PagingSubscription<T> subscription = new PagingSubscription<>(subscriber, castSetup(setup), caller);
			if (this.state.compareAndSet(current, subscription)) {
				subscription.start();
				return;
			}
			current = this.state.get();
		}
		Throwable reason = (current instanceof Throwable ended) ? ended
				: new IllegalStateException("A row stream accepts a single subscriber (Reactive Streams rule 1.11)");
		FailedPublisher.reject(subscriber, reason, this.executor, caller);
	}

	@Override
	public void cancel() {
		terminate(new CancellationException("The row stream was cancelled"));
	}

	/**
	 * Ends the stream with an error, for example when the session is force-closed: a
	 * pending page request is cancelled, buffered pages are released and the subscriber,
	 * present or future, receives {@code onError} with the given error.
	 * @param error the error to signal
	 */
	public void terminate(Throwable error) {
		Objects.requireNonNull(error, "'error' must not be null");
		while (true) {
			Object current = this.state.get();
			if (current instanceof PagingSubscription<?> subscription) {
				subscription.terminate(error);
				return;
			}
			if (!(current instanceof StreamSetup<?> setup)) {
				return;
			}
			if (this.state.compareAndSet(current, error)) {
				setup.termination().run();
				return;
			}
		}
	}

	@Override
	public long pagesDelivered() {
		return (this.state.get() instanceof PagingSubscription<?> subscription) ? subscription.pagesDelivered() : 0;
	}

	@SuppressWarnings("unchecked")
	private StreamSetup<T> castSetup(StreamSetup<?> setup) {
		// Only this class creates the setup, with the publisher's own element type.
		return (StreamSetup<T>) setup;
	}

}
