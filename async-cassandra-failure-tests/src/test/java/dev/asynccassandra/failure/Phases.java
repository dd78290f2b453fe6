package dev.asynccassandra.failure;

/**
 * The phases both failure tests go through, in this order; each name labels the figures
 * and the failures recorded while the cluster is in that state.
 */
final class Phases {

	/** The cluster whole, before any fault. */
	static final String BASELINE = "baseline";

	/** Node 3 is being stopped. */
	static final String NODE3_STOPPING = "node3-stopping";

	/** Node 3 is down. */
	static final String NODE3_DOWN = "node3-down";

	/** Node 3 is starting again. */
	static final String NODE3_STARTING = "node3-starting";

	/** Node 3 is back. */
	static final String RECOVERED_3 = "node3-back";

	/** Nodes 2 and 3 are being stopped. */
	static final String TWO_STOPPING = "two-stopping";

	/** Nodes 2 and 3 are down. */
	static final String TWO_DOWN = "two-down";

	/** Node 1, the last one up, is being stopped. */
	static final String ALL_STOPPING = "all-stopping";

	/** Every node is down. */
	static final String ALL_DOWN = "all-down";

	/** Every node is starting again. */
	static final String ALL_STARTING = "all-starting";

	/** Every node is back. */
	static final String RECOVERED = "all-back";

	private Phases() {
	}

}
