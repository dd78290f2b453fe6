package dev.asynccassandra.embedded.internal.node;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenRingTests {

	@Test
	void singleNodeOwnsTheMinimumToken() {
		assertThat(TokenRing.tokens(1)).containsExactly(Long.MIN_VALUE);
	}

	@Test
	void twoNodesSplitTheRingAtZero() {
		assertThat(TokenRing.tokens(2)).containsExactly(Long.MIN_VALUE, 0L);
	}

	@Test
	void threeNodesAreEvenlySpaced() {
		List<Long> tokens = TokenRing.tokens(3);
		assertThat(tokens).containsExactly(-9223372036854775808L, -3074457345618258603L, 3074457345618258602L);
		BigInteger ringSize = BigInteger.ONE.shiftLeft(64);
		BigInteger expectedGap = ringSize.divide(BigInteger.valueOf(3));
		for (int index = 1; index < tokens.size(); index++) {
			BigInteger gap = BigInteger.valueOf(tokens.get(index)).subtract(BigInteger.valueOf(tokens.get(index - 1)));
			assertThat(gap.subtract(expectedGap).abs()).isLessThanOrEqualTo(BigInteger.ONE);
		}
	}

	@Test
	void manyNodesGetDistinctAscendingTokens() {
		assertThat(TokenRing.tokens(9)).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void zeroNodesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenRing.tokens(0)).withMessageContaining("0");
	}

}
