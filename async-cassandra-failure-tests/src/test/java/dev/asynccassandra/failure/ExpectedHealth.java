package dev.asynccassandra.failure;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.asynccassandra.failure.Phases.ALL_DOWN;
import static dev.asynccassandra.failure.Phases.BASELINE;
import static dev.asynccassandra.failure.Phases.NODE3_DOWN;
import static dev.asynccassandra.failure.Phases.NODE3_STOPPING;
import static dev.asynccassandra.failure.Phases.RECOVERED;
import static dev.asynccassandra.failure.Phases.RECOVERED_3;
import static dev.asynccassandra.failure.Phases.TWO_DOWN;
import static dev.asynccassandra.failure.Phases.TWO_STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health both failure tests expect, phase by phase: UP in every phase where a node
 * still serves (even without quorum), DOWN only while every node is down. The phases
 * where nodes stop or start and the change is still spreading are not checked.
 */
final class ExpectedHealth {

	/** Phases in which at least one node serves from start to end. */
	private static final List<String> A_NODE_SERVES = List.of(BASELINE, NODE3_STOPPING, NODE3_DOWN, RECOVERED_3,
			TWO_STOPPING, TWO_DOWN, RECOVERED);

	private ExpectedHealth() {
	}

	/**
	 * Asserts the statuses sampled in each phase.
	 * @param healthByPhase the status codes seen in each phase
	 */
	static void assertUpUnlessEveryNodeIsDown(Map<String, Set<String>> healthByPhase) {
		for (String phase : A_NODE_SERVES) {
			assertThat(healthByPhase.getOrDefault(phase, Set.of())).as("health during " + phase).containsOnly("UP");
		}
		assertThat(healthByPhase.get(ALL_DOWN)).as("health during " + ALL_DOWN).containsOnly("DOWN");
	}

}
