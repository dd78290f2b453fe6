package dev.asynccassandra.failure;

/**
 * The kinds of request the load generator issues.
 */
enum Operation {

	/** A prepared insert at {@code QUORUM}; acknowledged ids are recorded. */
	WRITE_QUORUM,

	/** A prepared point read at {@code ONE}. */
	READ_ONE,

	/** A prepared point read at {@code QUORUM}. */
	READ_QUORUM,

	/** A few pages of a token-range scan at {@code ONE}. */
	STREAM_ONE;

	private static final Operation[] MIX = { WRITE_QUORUM, READ_ONE, WRITE_QUORUM, READ_QUORUM, WRITE_QUORUM, READ_ONE,
			READ_QUORUM, STREAM_ONE };

	/**
	 * The operation of the n-th request of the mix: 3/8 writes, 2/8 reads at ONE, 2/8
	 * reads at QUORUM, 1/8 streams.
	 * @param sequence the request number, from 0
	 * @return the operation
	 */
	static Operation forSequence(long sequence) {
		return MIX[(int) Math.floorMod(sequence, (long) MIX.length)];
	}

}
