package dev.asynccassandra.internal.stream;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A subscriber that records every signal and checks the rules it can see: signals never
 * overlap (rule 1.3), {@code onSubscribe} comes first and once, nothing comes after a
 * terminal signal (rule 1.7).
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {

	/** Shared clock of signals, to order them against other events of a test. */
	static final AtomicLong SEQUENCE = new AtomicLong();

	final Queue<T> items = new ConcurrentLinkedQueue<>();

	final AtomicInteger onSubscribeCalls = new AtomicInteger();

	final AtomicInteger terminalSignals = new AtomicInteger();

	final AtomicInteger completions = new AtomicInteger();

	final AtomicInteger ruleViolations = new AtomicInteger();

	final AtomicLong lastSignalSequence = new AtomicLong();

	final AtomicLong lastOnNextSequence = new AtomicLong();

	final CountDownLatch terminated = new CountDownLatch(1);

	final CountDownLatch subscribed = new CountDownLatch(1);

	private final AtomicBoolean inSignal = new AtomicBoolean();

	private final long initialRequest;

	private volatile Flow.@Nullable Subscription subscription;

	private volatile @Nullable Throwable error;

	private volatile BiConsumer<Flow.Subscription, T> onNextAction = (subscription, item) -> {
	};

	private volatile Consumer<Throwable> onErrorAction = (error) -> {
	};

	RecordingSubscriber(long initialRequest) {
		this.initialRequest = initialRequest;
	}

	RecordingSubscriber<T> onError(Consumer<Throwable> action) {
		this.onErrorAction = action;
		return this;
	}

	RecordingSubscriber<T> onNext(BiConsumer<Flow.Subscription, T> action) {
		this.onNextAction = action;
		return this;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		enter();
		if (this.onSubscribeCalls.incrementAndGet() != 1 || this.terminalSignals.get() != 0 || !this.items.isEmpty()) {
			this.ruleViolations.incrementAndGet();
		}
		this.subscription = subscription;
		this.subscribed.countDown();
		if (this.initialRequest > 0) {
			subscription.request(this.initialRequest);
		}
		exit();
	}

	@Override
	public void onNext(T item) {
		enter();
		try {
			checkLive();
			this.lastOnNextSequence.set(this.lastSignalSequence.get());
			this.items.add(item);
			this.onNextAction.accept(subscription(), item);
		}
		finally {
			exit();
		}
	}

	@Override
	public void onError(Throwable throwable) {
		enter();
		checkLive();
		this.error = throwable;
		this.onErrorAction.accept(throwable);
		this.terminalSignals.incrementAndGet();
		this.terminated.countDown();
		exit();
	}

	@Override
	public void onComplete() {
		enter();
		checkLive();
		this.completions.incrementAndGet();
		this.terminalSignals.incrementAndGet();
		this.terminated.countDown();
		exit();
	}

	Flow.Subscription subscription() {
		Flow.Subscription current = this.subscription;
		if (current == null) {
			throw new IllegalStateException("Not subscribed");
		}
		return current;
	}

	@Nullable Throwable error() {
		return this.error;
	}

	List<T> itemList() {
		return List.copyOf(this.items);
	}

	boolean awaitTermination() throws InterruptedException {
		return this.terminated.await(10, TimeUnit.SECONDS);
	}

	private void checkLive() {
		if (this.onSubscribeCalls.get() != 1 || this.terminalSignals.get() != 0) {
			this.ruleViolations.incrementAndGet();
		}
	}

	private void enter() {
		this.lastSignalSequence.set(SEQUENCE.incrementAndGet());
		if (!this.inSignal.compareAndSet(false, true)) {
			this.ruleViolations.incrementAndGet();
		}
	}

	private void exit() {
		this.inSignal.set(false);
	}

}
