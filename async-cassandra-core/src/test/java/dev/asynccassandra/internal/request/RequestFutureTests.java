package dev.asynccassandra.internal.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller's future tells its handler exactly once that it ended, whichever way.
 */
class RequestFutureTests {

	private final Queue<Outcome> told = new ConcurrentLinkedQueue<>();

	private final RequestFuture<String> future = new ToldFuture<>(
			(failure) -> this.told.add(new Outcome(Thread.currentThread().getName(), failure)));

	@Test
	void completionIsToldOnceWithoutFailure() {
		assertThat(this.future.complete("a")).isTrue();
		assertThat(this.future.complete("b")).isFalse();
		assertThat(this.future.completeExceptionally(new IllegalStateException())).isFalse();
		assertThat(this.future.cancel(false)).isFalse();
		assertThat(this.future.join()).isEqualTo("a");
		assertThat(this.told).singleElement().satisfies((outcome) -> assertThat(outcome.failure()).isNull());
	}

	@Test
	void failureIsToldOnceWithTheFailure() {
		IllegalStateException failure = new IllegalStateException("boom");
		assertThat(this.future.completeExceptionally(failure)).isTrue();
		this.future.complete("late");
		assertThat(this.told).singleElement().satisfies((outcome) -> assertThat(outcome.failure()).isSameAs(failure));
	}

	@Test
	void cancellationIsToldOnceAsACancellation() {
		assertThat(this.future.cancel(true)).isTrue();
		assertThat(this.future.cancel(true)).isTrue();
		assertThat(this.future.isCancelled()).isTrue();
		assertThat(this.told).singleElement()
			.satisfies((outcome) -> assertThat(outcome.failure()).isInstanceOf(CancellationException.class));
	}

	@Test
	void callerTimeoutsAreTold() {
		RequestFuture<String> timingOut = new ToldFuture<>((failure) -> this.told.add(new Outcome("", failure)));
		timingOut.orTimeout(1, TimeUnit.MILLISECONDS);
		RequestFuture<String> defaulted = new ToldFuture<>((failure) -> this.told.add(new Outcome("", failure)));
		defaulted.completeOnTimeout("default", 1, TimeUnit.MILLISECONDS);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.told.size() == 2);
		assertThat(this.told).extracting(Outcome::failure)
			.containsExactlyInAnyOrder(null, timingOut.handle((value, failure) -> failure).join());
		assertThat(timingOut.handle((value, failure) -> failure).join()).isInstanceOf(TimeoutException.class);
		assertThat(defaulted.join()).isEqualTo("default");
	}

	@Test
	void completeAsyncIsToldOnTheExecutor() {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "supplier"));
		try {
			this.future.completeAsync(() -> "supplied", executor);
			assertThat(this.future).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("supplied");
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.told.isEmpty());
			assertThat(this.told).singleElement().satisfies((outcome) -> {
				assertThat(outcome.failure()).isNull();
				assertThat(outcome.thread()).isEqualTo("supplier");
			});
			RequestFuture<String> failing = new ToldFuture<>((failure) -> this.told.add(new Outcome("", failure)));
			failing.completeAsync(() -> {
				throw new IllegalStateException("no value");
			}, executor);
			assertThat(failing).failsWithin(Duration.ofSeconds(10));
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.told.size() == 2);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void obtrudingIsToldOnlyIfNothingElseWas() {
		this.future.obtrudeValue("forced");
		this.future.obtrudeException(new IllegalStateException());
		assertThat(this.told).singleElement().satisfies((outcome) -> assertThat(outcome.failure()).isNull());
	}

	@Test
	void derivedStagesArePlainFutures() {
		CompletableFuture<Integer> derived = this.future.thenApply(String::length);
		assertThat(derived.getClass()).isEqualTo(CompletableFuture.class);
		this.future.complete("abc");
		assertThat(derived.join()).isEqualTo(3);
		assertThat(this.told).hasSize(1);
	}

	@Test
	void racingEndingsAreToldExactlyOnce() throws Exception {
		int threads = 6;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 2_000; round++) {
				Queue<@Nullable Throwable> outcomes = new ConcurrentLinkedQueue<>();
				RequestFuture<String> racing = new ToldFuture<>(
						(failure) -> outcomes.add((failure != null) ? failure : new NoFailure()));
				CyclicBarrier startLine = new CyclicBarrier(threads);
				List<Future<?>> running = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int kind = t % 3;
					running.add(pool.submit(() -> {
						startLine.await(10, TimeUnit.SECONDS);
						switch (kind) {
							case 0 -> racing.complete("value");
							case 1 -> racing.completeExceptionally(new IllegalStateException());
							default -> racing.cancel(false);
						}
						return null;
					}));
				}
				for (Future<?> each : running) {
					each.get(10, TimeUnit.SECONDS);
				}
				assertThat(outcomes).as("round %d", round).hasSize(1);
				Throwable told = outcomes.peek();
				if (racing.isCancelled()) {
					assertThat(told).isInstanceOf(CancellationException.class);
				}
				else if (racing.isCompletedExceptionally()) {
					assertThat(told).isInstanceOf(IllegalStateException.class);
				}
				else {
					assertThat(told).isInstanceOf(NoFailure.class);
				}
			}
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	private record Outcome(String thread, @Nullable Throwable failure) {

	}

	private static final class NoFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NoFailure() {
			super(null, null, false, false);
		}

	}

	/**
	 * Hands the one call to {@code onEnded} to a consumer.
	 */
	private static final class ToldFuture<T> extends RequestFuture<T> {

		private final Consumer<@Nullable Throwable> told;

		ToldFuture(Consumer<@Nullable Throwable> told) {
			this.told = told;
		}

		@Override
		void onEnded(@Nullable Throwable failure) {
			this.told.accept(failure);
		}

	}

}
