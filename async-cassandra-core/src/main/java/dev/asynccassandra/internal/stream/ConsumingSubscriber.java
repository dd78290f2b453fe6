package dev.asynccassandra.internal.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Base of the subscribers behind the convenience consumers: ties a subscription to a
 * result future. Cancelling the future cancels the subscription; a failure of the
 * consumer's own code cancels the subscription and fails the future.
 *
 * @param <T> the type of the elements
 * @param <R> the type of the result
 */
abstract class ConsumingSubscriber<T, R> implements Flow.Subscriber<T> {

	private final AtomicReference<Flow.@Nullable Subscription> subscription = new AtomicReference<>();

	private final CompletableFuture<R> result = new CompletableFuture<>();

	private final long startNanos = System.nanoTime();

	ConsumingSubscriber() {
		this.result.whenComplete((value, error) -> {
			if (this.result.isCancelled()) {
				cancelUpstream();
			}
		});
	}

	/**
	 * The future of this consumer's result, completed on the thread of the stream's last
	 * signal (or of the consumer's last page handler).
	 * @return the result future
	 */
	final CompletableFuture<R> result() {
		return this.result;
	}

	@Override
	public final void onSubscribe(Flow.Subscription subscription) {
		// Rule 2.13: the subscription must not be null.
		Objects.requireNonNull(subscription, "'subscription' must not be null (Reactive Streams rule 2.13)");
		if (!this.subscription.compareAndSet(null, subscription)) {
			// Rule 2.5: a second subscription is cancelled.
			subscription.cancel();
			return;
		}
		if (this.result.isDone()) {
			subscription.cancel();
			return;
		}
		request(initialRequest());
	}

	@Override
	public void onError(Throwable error) {
		this.result.completeExceptionally(error);
	}

	/**
	 * Elements to request once subscribed.
	 * @return a positive amount
	 */
	abstract long initialRequest();

	final void request(long amount) {
		Flow.Subscription current = this.subscription.get();
		if (current != null && !this.result.isDone()) {
			current.request(amount);
		}
	}

	final boolean isDone() {
		return this.result.isDone();
	}

	final void complete(R value) {
		this.result.complete(value);
	}

	/**
	 * Cancels the stream and fails the result with the stream error policy.
	 * @param failure what failed in the consumer's own code
	 */
	final void failAndCancel(Throwable failure) {
		cancelUpstream();
		this.result.completeExceptionally(StreamErrors.toSubscriberError(failure));
	}

	final Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	private void cancelUpstream() {
		Flow.Subscription current = this.subscription.get();
		if (current != null) {
			current.cancel();
		}
	}

}
