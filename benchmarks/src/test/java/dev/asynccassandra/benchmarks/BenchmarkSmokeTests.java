package dev.asynccassandra.benchmarks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark briefly against Simulacron: proves they still execute, not how
 * fast.
 */
class BenchmarkSmokeTests {

	@AfterAll
	static void closeTargets() {
		Targets.closeAll();
	}

	@Test
	void everyBenchmarkExecutes() throws Exception {
		SuiteMode mode = SuiteMode.named("smoke");
		SuiteResults results = SuiteRunner.run(mode);
		int contenders = Contender.values().length;
		assertThat(results.throughputs()).hasSize(mode.works().size() * mode.inFlights().size() * contenders);
		assertThat(results.throughputs()).allSatisfy((t) -> {
			assertThat(t.opsPerSecond()).isPositive();
			assertThat(t.bytesPerOp()).isPositive();
		});
		assertThat(results.latencies()).hasSize(mode.works().size() * contenders);
		assertThat(results.latencies()).allSatisfy((l) -> assertThat(l.p50Micros()).isPositive());
		assertThat(results.fixedRates()).hasSize(mode.works().size() * contenders);
		assertThat(results.fixedRates()).allSatisfy((f) -> {
			assertThat(f.sustained()).isTrue();
			assertThat(f.queries()).isPositive();
			assertThat(f.p50Micros()).isPositive();
		});
		assertThat(results.markdown("smoke", 0)).contains("ratio to RAW", "metrics on / off", "added p50",
				"corrected for coordinated omission");
	}

}
