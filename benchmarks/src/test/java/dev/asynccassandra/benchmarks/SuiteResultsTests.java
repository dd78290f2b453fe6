package dev.asynccassandra.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming tables, from made-up results (the streaming benchmark itself needs the
 * embedded node, so {@link BenchmarkSmokeTests} does not run it).
 */
class SuiteResultsTests {

	@Test
	void streamingTablesShowRatiosPerBlockAndHeapOutcomes() {
		List<SuiteResults.Stream> streams = List.of(new SuiteResults.Stream(StreamContender.RAW, 0, 100_000, 800),
				new SuiteResults.Stream(StreamContender.ASYNC, 0, 50_000, 810),
				new SuiteResults.Stream(StreamContender.RAW, 1, 200_000, 800),
				new SuiteResults.Stream(StreamContender.ASYNC, 1, 300_000, 810));
		List<HeapProbe.Result> heaps = List.of(
				new HeapProbe.Result("ASYNC", "64m", true, "", 1_000_000, 10, 10 << 20, 12 << 20, 32 << 20, 50),
				new HeapProbe.Result(HeapProbe.COLLECT_ALL, "64m", false, "OutOfMemoryError", 0, 0, 0, 0, 0, 0));

		String markdown = new SuiteResults(List.of(), List.of(), List.of(), streams, heaps, 0).markdown("stream", 1);

		assertThat(markdown).contains("### Streaming, EMBEDDED, 100,000 rows of one partition")
			.contains("| ASYNC | 175,000 | 1.000 (0.500-1.500) | 810.0 | +10.0 |")
			.contains("| ASYNC | yes | 1,000,000 | 10.0 | 100,000 | 10.0 | 12.0 | 32.0 | 50 |")
			.contains("| control: collect every row (ASYNC) | NO: OutOfMemoryError |")
			.doesNotContain("SPRING_REACTIVE")
			.doesNotContain("loaded the streaming table");
	}

	@Test
	void fixedRateTableLeavesOutBlocksThatFellBehind() {
		List<SuiteResults.FixedRate> rates = List.of(
				new SuiteResults.FixedRate(Target.SIMULACRON, Work.READ, Contender.RAW, 0, 1000, true, 2000, 100, 200,
						300, 400),
				new SuiteResults.FixedRate(Target.SIMULACRON, Work.READ, Contender.ASYNC, 0, 1000, true, 2000, 110, 230,
						330, 440),
				new SuiteResults.FixedRate(Target.SIMULACRON, Work.READ, Contender.ASYNC, 1, 1000, false, 50, 9000,
						9000, 9000, 9000));

		String markdown = new SuiteResults(List.of(), List.of(), rates, List.of(), List.of(), 0).markdown("quick", 1);

		assertThat(markdown).contains("### Latency at a fixed rate, SIMULACRON, READ (1,000 queries/s")
			.contains("| RAW | 100.0 | 200.0 | 300.0 | 400.0 | +0.0 | +0.0 | 1 of 1 |")
			.contains("| ASYNC | 110.0 | 230.0 | 330.0 | 440.0 | +10.0 | +30.0 | 1 of 2 |");
	}

}
