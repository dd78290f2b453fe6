package dev.asynccassandra.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Choosing the contenders of a run.
 */
class SuiteRunnerTests {

	@Test
	void blankMeansEveryContender() {
		assertThat(SuiteRunner.contenders(" ")).containsExactly(Contender.values());
	}

	@Test
	void theRawDriverIsAlwaysMeasuredBecauseEveryRatioNeedsIt() {
		assertThat(SuiteRunner.contenders("ASYNC, SPRING_ASYNC")).containsExactly(Contender.RAW, Contender.ASYNC,
				Contender.SPRING_ASYNC);
	}

	@Test
	void anUnknownNameIsNamedInTheError() {
		assertThatIllegalArgumentException().isThrownBy(() -> SuiteRunner.contenders("RAW,ASYNK"))
			.withMessageContaining("'ASYNK' is not one of [RAW, ASYNC");
	}

}
