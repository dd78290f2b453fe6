package dev.asynccassandra.failure;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import dev.asynccassandra.embedded.api.EmbeddedCassandraCluster;

import static dev.asynccassandra.failure.Phases.ALL_DOWN;
import static dev.asynccassandra.failure.Phases.ALL_STOPPING;
import static dev.asynccassandra.failure.Phases.NODE3_DOWN;
import static dev.asynccassandra.failure.Phases.NODE3_STARTING;
import static dev.asynccassandra.failure.Phases.NODE3_STOPPING;
import static dev.asynccassandra.failure.Phases.RECOVERED_3;
import static dev.asynccassandra.failure.Phases.TWO_DOWN;
import static dev.asynccassandra.failure.Phases.TWO_STOPPING;
import static org.awaitility.Awaitility.await;

/**
 * The faults both failure tests inflict on the 3-node cluster, in this order: node 3
 * stops and comes back, nodes 2 and 3 stop, node 1 stops. Each step moves the load into
 * its transition phase, acts, waits until the application's session sees the result,
 * records how long that took, and moves the load into the settled phase. What a test
 * checks between the steps stays in the test.
 */
final class ClusterFaults {

	private final EmbeddedCassandraCluster cluster;

	private final LoadGenerator load;

	private final ClusterProbes probes;

	private final FiguresTable figures;

	private final Duration phaseBound;

	ClusterFaults(EmbeddedCassandraCluster cluster, LoadGenerator load, ClusterProbes probes, FiguresTable figures,
			Duration phaseBound) {
		this.cluster = cluster;
		this.load = load;
		this.probes = probes;
		this.figures = figures;
		this.phaseBound = phaseBound;
	}

	/**
	 * Node 3 stops; the step ends when {@code ALL} fails with Unavailable.
	 */
	void stopNode3() {
		this.load.enterPhase(NODE3_STOPPING);
		long start = System.nanoTime();
		this.cluster.stopNode(3);
		this.figures.timing("node 3 stop call", since(start));
		this.probes.awaitUnavailable(ConsistencyLevel.ALL);
		this.figures.timing("node 3 stop -> CL ALL UnavailableException", since(start));
		this.load.enterPhase(NODE3_DOWN);
	}

	/**
	 * Node 3 starts again; the step ends when the session sees three nodes UP and
	 * {@code ALL} succeeds.
	 */
	void startNode3() {
		this.load.enterPhase(NODE3_STARTING);
		long start = System.nanoTime();
		this.cluster.startNode(3);
		this.figures.timing("node 3 start call", since(start));
		this.probes.awaitAllUp(3);
		this.figures.timing("node 3 start -> 3 nodes UP in session", since(start));
		this.probes.awaitAllSucceeds();
		this.figures.timing("node 3 start -> CL ALL succeeds", since(start));
		this.load.enterPhase(RECOVERED_3);
	}

	/**
	 * Nodes 2 and 3 stop; the step ends when {@code QUORUM} fails with Unavailable.
	 */
	void stopNodes2And3() {
		this.load.enterPhase(TWO_STOPPING);
		long start = System.nanoTime();
		this.cluster.stopNode(2);
		this.cluster.stopNode(3);
		this.probes.awaitUnavailable(ConsistencyLevel.QUORUM);
		this.figures.timing("nodes 2+3 stop -> CL QUORUM UnavailableException", since(start));
		this.load.enterPhase(TWO_DOWN);
	}

	/**
	 * Node 1 stops too, so that every node is down; the step ends when the application's
	 * health reads DOWN.
	 * @param health what the health is read from, for the figure's name
	 * @param healthIsDown reads the health
	 * @param pollInterval how often to read it
	 */
	void stopNode1(String health, BooleanSupplier healthIsDown, Duration pollInterval) {
		this.load.enterPhase(ALL_STOPPING);
		long start = System.nanoTime();
		this.cluster.stopNode(1);
		await().atMost(this.phaseBound).pollInterval(pollInterval).until(healthIsDown::getAsBoolean);
		this.figures.timing("node 1 stop -> " + health + " DOWN", since(start));
		this.load.enterPhase(ALL_DOWN);
	}

	static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
