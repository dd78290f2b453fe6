package dev.asynccassandra.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intrusive list that tracks a session's requests.
 */
class TrackedRequestsTests {

	private final TrackedRequests requests = new TrackedRequests();

	@Test
	void selectsTrackedEntriesUntilTheyAreRemoved() {
		Request first = new Request(1);
		Request second = new Request(2);
		Request third = new Request(3);
		this.requests.add(first);
		this.requests.add(second);
		this.requests.add(third);
		assertThat(this.requests.select((entry) -> true)).containsExactlyInAnyOrder(first, second, third);
		this.requests.remove(second);
		assertThat(this.requests.select((entry) -> true)).containsExactlyInAnyOrder(first, third);
		this.requests.remove(third);
		this.requests.remove(first);
		assertThat(this.requests.select((entry) -> true)).isEmpty();
		assertThat(this.requests.size()).isZero();
	}

	@Test
	void addingOrRemovingTwiceChangesNothing() {
		Request request = new Request(1);
		Request other = new Request(2);
		this.requests.add(request);
		this.requests.add(request);
		this.requests.add(other);
		assertThat(this.requests.size()).isEqualTo(2);
		this.requests.remove(request);
		this.requests.remove(request);
		assertThat(this.requests.size()).isOne();
		assertThat(this.requests.select((entry) -> true)).containsExactly(other);
	}

	@Test
	void selectReturnsOnlyMatchingEntries() {
		List<Request> all = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Request request = new Request(i);
			all.add(request);
			this.requests.add(request);
		}
		assertThat(this.requests.select((entry) -> ((Request) entry).number % 3 == 0))
			.containsExactlyInAnyOrder(all.get(0), all.get(3), all.get(6), all.get(9));
		assertThat(this.requests.select((entry) -> false)).isEmpty();
	}

	@Test
	void concurrentAddsAndRemovesLeaveNothingBehind() throws Exception {
		int threads = 8;
		int perThread = 20_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 5; round++) {
				CyclicBarrier startLine = new CyclicBarrier(threads);
				List<Future<?>> running = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					running.add(pool.submit(() -> {
						startLine.await(10, TimeUnit.SECONDS);
						List<Request> mine = new ArrayList<>();
						for (int i = 0; i < perThread; i++) {
							Request request = new Request(i);
							this.requests.add(request);
							mine.add(request);
							if (i % 2 == 1) {
								this.requests.remove(mine.get(i - 1));
								this.requests.remove(request);
							}
						}
						return null;
					}));
				}
				for (Future<?> future : running) {
					future.get(30, TimeUnit.SECONDS);
				}
				assertThat(this.requests.size()).isZero();
				assertThat(this.requests.select((entry) -> true)).isEmpty();
			}
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	private static final class Request implements TrackedRequests.Entry {

		private final int number;

		private TrackedRequests.@Nullable Entry previous;

		private TrackedRequests.@Nullable Entry next;

		Request(int number) {
			this.number = number;
		}

		@Override
		public TrackedRequests.@Nullable Entry previous() {
			return this.previous;
		}

		@Override
		public void linkPrevious(TrackedRequests.@Nullable Entry previous) {
			this.previous = previous;
		}

		@Override
		public TrackedRequests.@Nullable Entry next() {
			return this.next;
		}

		@Override
		public void linkNext(TrackedRequests.@Nullable Entry next) {
			this.next = next;
		}

	}

}
