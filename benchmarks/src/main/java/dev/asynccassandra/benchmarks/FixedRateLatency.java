package dev.asynccassandra.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency at a fixed arrival rate (open loop), corrected for coordinated omission.
 * <p>
 * Query {@code i} is due at {@code start + i / rate} and is started at that time or, if
 * the issuing thread is late, as soon as it can; its latency runs from the time it was
 * due, so a stall counts against every query that should have started during it, not only
 * against the one that was slow.
 */
final class FixedRateLatency {

	/**
	 * More queries in flight than this means the client cannot sustain the rate (below
	 * the 32,768 requests the benchmark's driver session allows on its connection).
	 */
	static final int MAX_IN_FLIGHT = 20_000;

	private static final long DRAIN_SECONDS = 30;

	private FixedRateLatency() {
	}

	/**
	 * Runs one contender at a fixed rate.
	 * @param client the contender
	 * @param ratePerSecond queries started per second
	 * @param warmup time at the rate before recording
	 * @param measurement time at the rate while recording
	 * @return the recorded latencies in nanoseconds, and whether the client sustained the
	 * rate (when more than {@link #MAX_IN_FLIGHT} queries piled up, it stops starting
	 * queries, waits for those in flight and reports that it did not)
	 * @throws IllegalStateException if queries fail, or are still in flight 30 s after
	 * the last one started
	 */
	static Measurement measure(Client client, double ratePerSecond, Duration warmup, Duration measurement) {
		return measure(Ticker.SYSTEM, client, ratePerSecond, warmup, measurement);
	}

	/**
	 * Runs one contender at a fixed rate, with the given time source.
	 * @param ticker the clock and the wait between queries
	 * @param client the contender
	 * @param ratePerSecond queries started per second
	 * @param warmup time at the rate before recording
	 * @param measurement time at the rate while recording
	 * @return as {@link #measure(Client, double, Duration, Duration)}
	 */
	static Measurement measure(Ticker ticker, Client client, double ratePerSecond, Duration warmup,
			Duration measurement) {
		if (!(ratePerSecond > 0)) {
			throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
		}
		Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
		// The issuing thread holds one count until it stops issuing, so the count reaches
		// zero only once every query has ended.
		AtomicInteger inFlight = new AtomicInteger(1);
		CompletableFuture<Void> drained = new CompletableFuture<>();
		LongAdder failures = new LongAdder();
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		double interval = 1_000_000_000d / ratePerSecond;
		long start = ticker.nanoTime();
		long recordFrom = start + warmup.toNanos();
		long end = recordFrom + measurement.toNanos();
		boolean sustained = true;
		for (long i = 0;; i++) {
			long due = start + (long) (i * interval);
			if (due - end >= 0) {
				break;
			}
			long wait = due - ticker.nanoTime();
			if (wait > 0) {
				ticker.parkNanos(wait);
			}
			if (inFlight.incrementAndGet() > MAX_IN_FLIGHT + 1) {
				inFlight.decrementAndGet();
				sustained = false;
				break;
			}
			boolean recorded = due - recordFrom >= 0;
			client.run().whenComplete((rows, failure) -> {
				long latency = ticker.nanoTime() - due;
				if (failure != null) {
					failures.increment();
					firstFailure.compareAndSet(null, failure);
				}
				else if (recorded) {
					recorder.recordValue(Math.max(0, latency));
				}
				if (inFlight.decrementAndGet() == 0) {
					drained.complete(null);
				}
			});
		}
		if (inFlight.decrementAndGet() == 0) {
			drained.complete(null);
		}
		awaitDrained(drained, inFlight);
		if (failures.sum() > 0) {
			throw new IllegalStateException(failures.sum() + " queries failed at a fixed rate", firstFailure.get());
		}
		return new Measurement(recorder.getIntervalHistogram(), sustained);
	}

	/**
	 * What one fixed-rate run measured.
	 *
	 * @param latencies the recorded latencies, in nanoseconds
	 * @param sustained {@code false} if more than {@link #MAX_IN_FLIGHT} queries piled up
	 * and the run stopped early (the latencies are then not comparable)
	 */
	record Measurement(Histogram latencies, boolean sustained) {
	}

	private static void awaitDrained(CompletableFuture<Void> drained, AtomicInteger inFlight) {
		try {
			drained.get(DRAIN_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(
					inFlight.get() + " queries still in flight " + DRAIN_SECONDS + " s after the last one started", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while queries were in flight", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("never completed exceptionally", ex);
		}
	}

}
