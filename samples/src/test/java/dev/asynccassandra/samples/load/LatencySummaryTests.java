package dev.asynccassandra.samples.load;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LatencySummaryTests {

	@Test
	void nearestRankPercentilesOfOneToHundred() {
		long[] samples = LongStream.rangeClosed(1, 100).map((i) -> 101 - i).toArray();

		LatencySummary summary = LatencySummary.of(samples);

		assertThat(summary.count()).isEqualTo(100);
		assertThat(summary.p50Nanos()).isEqualTo(50);
		assertThat(summary.p90Nanos()).isEqualTo(90);
		assertThat(summary.p99Nanos()).isEqualTo(99);
		assertThat(summary.p999Nanos()).isEqualTo(100);
		assertThat(summary.maxNanos()).isEqualTo(100);
		assertThat(samples[0]).as("input not sorted in place").isEqualTo(100);
	}

	@Test
	void singleSampleIsEveryPercentile() {
		LatencySummary summary = LatencySummary.of(new long[] { 7_000_000 });

		assertThat(summary).isEqualTo(new LatencySummary(1, 7_000_000, 7_000_000, 7_000_000, 7_000_000, 7_000_000));
		assertThat(summary.format()).isEqualTo("latency ms: p50=7.00 p90=7.00 p99=7.00 p99.9=7.00 max=7.00 (n=1)");
	}

	@Test
	void noSamplesIsAllZero() {
		assertThat(LatencySummary.of(new long[0])).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0));
	}

	@Test
	void percentileRejectsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySummary.percentile(new long[] { 1 }, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySummary.percentile(new long[] { 1 }, 100.1));
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySummary.percentile(new long[0], 50));
	}

	@Test
	void p999NeedsAThousandSamplesToDifferFromMax() {
		long[] samples = LongStream.rangeClosed(1, 2000).toArray();

		assertThat(LatencySummary.of(samples).p999Nanos()).isEqualTo(1998);
	}

}
