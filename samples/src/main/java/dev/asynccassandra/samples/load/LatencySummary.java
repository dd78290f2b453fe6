package dev.asynccassandra.samples.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latency percentiles of a set of samples, by the nearest-rank method over the sorted
 * samples (exact, which is cheap for the samples of one load run).
 *
 * @param count the number of samples
 * @param p50Nanos the median
 * @param p90Nanos the 90th percentile
 * @param p99Nanos the 99th percentile
 * @param p999Nanos the 99.9th percentile
 * @param maxNanos the largest sample
 */
public record LatencySummary(int count, long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos) {

	/**
	 * Summarises samples.
	 * @param samplesNanos the latencies in nanoseconds, not modified
	 * @return the summary, all zero when there are no samples
	 */
	public static LatencySummary of(long[] samplesNanos) {
		long[] sorted = samplesNanos.clone();
		Arrays.sort(sorted);
		if (sorted.length == 0) {
			return new LatencySummary(0, 0, 0, 0, 0, 0);
		}
		return new LatencySummary(sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
				percentile(sorted, 99.9), sorted[sorted.length - 1]);
	}

	/**
	 * The nearest-rank percentile of sorted samples: the smallest sample that is greater
	 * than or equal to {@code percent}% of the samples.
	 * @param sorted samples in ascending order, at least one
	 * @param percent the percentile, above 0 and at most 100
	 * @return the sample at that rank
	 */
	static long percentile(long[] sorted, double percent) {
		if (sorted.length == 0 || !(percent > 0 && percent <= 100)) {
			throw new IllegalArgumentException("Needs samples and a percentile in (0, 100]");
		}
		// The epsilon keeps binary rounding (99.9 / 100 * 2000 = 1998.0000000000002) off
		// the next rank.
		int rank = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9);
		return sorted[Math.max(0, rank - 1)];
	}

	/**
	 * One line for the console, in milliseconds.
	 * @return the formatted percentiles
	 */
	public String format() {
		return String.format(Locale.ROOT, "latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f (n=%d)",
				millis(this.p50Nanos), millis(this.p90Nanos), millis(this.p99Nanos), millis(this.p999Nanos),
				millis(this.maxNanos), this.count);
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
