package dev.asynccassandra.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class InFlightGateTests {

	@Test
	void acquireAndReleaseTrackTheCount() {
		InFlightGate gate = new InFlightGate();
		assertThat(gate.tryAcquire()).isTrue();
		assertThat(gate.tryAcquire()).isTrue();
		assertThat(gate.count()).isEqualTo(2);
		gate.release();
		assertThat(gate.count()).isEqualTo(1);
		assertThat(gate.drained()).isNotDone();
	}

	@Test
	void closeStopsAdmissionAndDrainsWhenTheLastRequestEnds() {
		InFlightGate gate = new InFlightGate();
		gate.tryAcquire();
		assertThat(gate.close()).isTrue();
		assertThat(gate.close()).isFalse();
		assertThat(gate.isClosed()).isTrue();
		assertThat(gate.tryAcquire()).isFalse();
		assertThat(gate.drained()).isNotDone();
		gate.release();
		assertThat(gate.count()).isZero();
		assertThat(gate.drained()).isCompleted();
	}

	@Test
	void closeWithNothingInFlightIsDrainedAtOnce() {
		InFlightGate gate = new InFlightGate();
		gate.close();
		assertThat(gate.drained()).isCompleted();
	}

	@Test
	void releaseWithoutAcquireFails() {
		InFlightGate gate = new InFlightGate();
		assertThatIllegalStateException().isThrownBy(gate::release);
		gate.close();
		assertThatIllegalStateException().isThrownBy(gate::release);
	}

	@Test
	void noRequestIsAdmittedAfterCloseReturnsUnderContention() throws Exception {
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		try {
			for (int iteration = 0; iteration < 500; iteration++) {
				InFlightGate gate = new InFlightGate();
				CyclicBarrier start = new CyclicBarrier(threads + 1);
				CountDownLatch closed = new CountDownLatch(1);
				AtomicInteger admittedAfterClose = new AtomicInteger();
				List<Future<?>> futures = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					futures.add(pool.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						for (int call = 0; call < 500; call++) {
							boolean closeDone = closed.getCount() == 0;
							if (gate.tryAcquire()) {
								if (closeDone || gate.drained().isDone()) {
									admittedAfterClose.incrementAndGet();
								}
								gate.release();
							}
						}
						return null;
					}));
				}
				futures.add(pool.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					gate.close();
					closed.countDown();
					return null;
				}));
				for (Future<?> future : futures) {
					future.get(10, TimeUnit.SECONDS);
				}
				assertThat(admittedAfterClose).hasValue(0);
				assertThat(gate.count()).isZero();
				assertThat(gate.drained()).isCompleted();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void nestedAcquireIsAdmittedWhileClosingAsLongAsItsParentHoldsASlot() {
		InFlightGate gate = new InFlightGate();
		assertThat(gate.tryAcquireNested()).as("no parent").isFalse();
		assertThat(gate.tryAcquire()).isTrue();
		gate.close();
		assertThat(gate.tryAcquire()).isFalse();
		assertThat(gate.tryAcquireNested()).isTrue();
		assertThat(gate.count()).isEqualTo(2);
		gate.release();
		assertThat(gate.drained()).isNotDone();
		gate.release();
		assertThat(gate.drained()).isDone();
		assertThat(gate.tryAcquireNested()).isFalse();
	}

}
