package dev.asynccassandra.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber for tests: records the elements, the threads of its signals and how the
 * stream ended; requests what the test asks for, optionally from {@code onNext}.
 *
 * @param <T> the type of the elements
 */
public final class TestSubscriber<T> implements Flow.Subscriber<T> {

	/** Elements received, in order. */
	public final List<T> items = new CopyOnWriteArrayList<>();

	/** Names of the threads that delivered signals. */
	public final List<String> signalThreads = new CopyOnWriteArrayList<>();

	/** Completes normally on {@code onComplete}, exceptionally on {@code onError}. */
	public final CompletableFuture<Void> done = new CompletableFuture<>();

	private final CountDownLatch subscribed = new CountDownLatch(1);

	private final long initialRequest;

	private volatile BiConsumer<TestSubscriber<T>, T> onNextAction = (subscriber, item) -> {
	};

	private volatile Flow.Subscription subscription;

	/**
	 * Creates a subscriber.
	 * @param initialRequest requested in {@code onSubscribe}, {@code 0} for nothing
	 */
	public TestSubscriber(long initialRequest) {
		this.initialRequest = initialRequest;
	}

	/**
	 * Sets an action run after each element was recorded, on the signal thread.
	 * @param action the action, given this subscriber and the element
	 * @return this subscriber
	 */
	public TestSubscriber<T> onEach(BiConsumer<TestSubscriber<T>, T> action) {
		this.onNextAction = action;
		return this;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.signalThreads.add(Thread.currentThread().getName());
		this.subscription = subscription;
		this.subscribed.countDown();
		if (this.initialRequest > 0) {
			subscription.request(this.initialRequest);
		}
	}

	@Override
	public void onNext(T item) {
		this.signalThreads.add(Thread.currentThread().getName());
		this.items.add(item);
		this.onNextAction.accept(this, item);
	}

	@Override
	public void onError(Throwable throwable) {
		this.signalThreads.add(Thread.currentThread().getName());
		this.done.completeExceptionally(throwable);
	}

	@Override
	public void onComplete() {
		this.signalThreads.add(Thread.currentThread().getName());
		this.done.complete(null);
	}

	/**
	 * Waits, with a bound, for {@code onSubscribe}.
	 * @return this subscriber
	 * @throws InterruptedException if interrupted
	 */
	public TestSubscriber<T> awaitSubscribed() throws InterruptedException {
		assertThat(this.subscribed.await(10, TimeUnit.SECONDS)).as("onSubscribe").isTrue();
		return this;
	}

	/**
	 * Requests more elements.
	 * @param n how many
	 */
	public void request(long n) {
		this.subscription.request(n);
	}

	/**
	 * Cancels the subscription.
	 */
	public void cancel() {
		this.subscription.cancel();
	}

	/**
	 * Waits, with a bound, for the terminal signal.
	 * @param timeout the bound
	 * @return the error, or {@code null} if the stream completed
	 * @throws Exception if interrupted or the bound passed
	 */
	public Throwable awaitTermination(Duration timeout) throws Exception {
		return this.done.handle((ignored, error) -> error).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

}
