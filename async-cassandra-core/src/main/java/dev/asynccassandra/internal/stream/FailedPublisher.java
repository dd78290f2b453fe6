package dev.asynccassandra.internal.stream;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

import dev.asynccassandra.internal.context.CallerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A publisher that refuses every subscriber with the same error: {@code onSubscribe} then
 * {@code onError} (rules 1.9 and 1.4), on the given executor. The session returns it when
 * a stream cannot be admitted (for example, the session is closed).
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public final class FailedPublisher<T> implements Flow.Publisher<T> {

	private static final Logger logger = LoggerFactory.getLogger(FailedPublisher.class);

	private final Throwable error;

	private final Executor executor;

	/**
	 * Creates a publisher failing every subscriber.
	 * @param error the error every subscriber receives
	 * @param executor where signals are delivered
	 */
	public FailedPublisher(Throwable error, Executor executor) {
		this.error = Objects.requireNonNull(error, "'error' must not be null");
		this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
	}

	@Override
	public void subscribe(Flow.Subscriber<? super T> subscriber) {
		// Rule 1.9: a null subscriber is refused by throwing NullPointerException.
		Objects.requireNonNull(subscriber, "'subscriber' must not be null (Reactive Streams rule 1.9)");
		reject(subscriber, this.error, this.executor, CallerContext.NONE);
	}

	/**
	 * Signals {@code onSubscribe} with a subscription that does nothing, then
	 * {@code onError}, on the executor (inline if the executor refuses the task).
	 * @param subscriber the subscriber to refuse
	 * @param error the error it receives
	 * @param executor where signals are delivered
	 * @param caller the subscriber's context, restored around the signals
	 */
	static void reject(Flow.Subscriber<?> subscriber, Throwable error, Executor executor, CallerContext caller) {
		Runnable signals = () -> signalRejection(subscriber, error);
		try {
			caller.execute(executor, signals);
		}
		catch (RejectedExecutionException ex) {
			caller.wrap(signals).run();
		}
	}

	private static void signalRejection(Flow.Subscriber<?> subscriber, Throwable error) {
		try {
			subscriber.onSubscribe(NoopSubscription.INSTANCE);
			subscriber.onError(error);
		}
		catch (RuntimeException ex) {
			logger.error("{} violated Reactive Streams rule 2.13 by throwing from a signal", subscriber, ex);
		}
	}

	private enum NoopSubscription implements Flow.Subscription {

		INSTANCE;

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
		}

	}

}
