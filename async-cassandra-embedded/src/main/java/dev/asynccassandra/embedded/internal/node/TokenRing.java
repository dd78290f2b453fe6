package dev.asynccassandra.embedded.internal.node;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Evenly spaced Murmur3 tokens, one per node.
 */
final class TokenRing {

	private static final BigInteger RING_SIZE = BigInteger.ONE.shiftLeft(64);

	private static final BigInteger MINIMUM = BigInteger.valueOf(Long.MIN_VALUE);

	private TokenRing() {
	}

	/**
	 * Returns {@code nodeCount} tokens splitting the Murmur3 range (-2^63 to 2^63-1) into
	 * equal parts, starting at -2^63.
	 * @param nodeCount the number of nodes, at least 1
	 * @return the tokens in ascending order
	 */
	public static List<Long> tokens(int nodeCount) {
		if (nodeCount < 1) {
			throw new IllegalArgumentException("Node count must be at least 1, not " + nodeCount);
		}
		List<Long> tokens = new ArrayList<>(nodeCount);
		BigInteger count = BigInteger.valueOf(nodeCount);
		for (int index = 0; index < nodeCount; index++) {
			BigInteger offset = RING_SIZE.multiply(BigInteger.valueOf(index)).divide(count);
			tokens.add(MINIMUM.add(offset).longValueExact());
		}
		return tokens;
	}

}
