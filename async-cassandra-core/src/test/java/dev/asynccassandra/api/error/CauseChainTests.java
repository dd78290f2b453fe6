package dev.asynccassandra.api.error;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The one walk over causes: which failures it visits, in which order, and where it stops.
 */
class CauseChainTests {

	@Test
	void unwrapRemovesEveryFutureWrapperAndNothingElse() {
		NoNodeAvailableException driver = new NoNodeAvailableException();
		IllegalStateException foreign = new IllegalStateException("outer", driver);
		assertThat(CauseChain.unwrap(new CompletionException(new ExecutionException(foreign)))).isSameAs(foreign);
		assertThat(CauseChain.unwrap(foreign)).isSameAs(foreign);
	}

	@Test
	void unwrapKeepsAWrapperWithoutCause() {
		CompletionException bare = new CompletionException("no cause", null);
		assertThat(CauseChain.unwrap(new ExecutionException(bare))).isSameAs(bare);
	}

	@Test
	void findReturnsTheNearestFailureOfTheType() {
		IOException inner = new IOException("inner");
		IOException outer = new IOException("outer", new RuntimeException(inner));
		Throwable failure = new CompletionException(outer);
		assertThat(CauseChain.find(failure, IOException.class)).isSameAs(outer);
		assertThat(CauseChain.find(failure, CompletionException.class)).isSameAs(failure);
		assertThat(CauseChain.find(failure, NoNodeAvailableException.class)).isNull();
	}

	@Test
	void searchVisitsNearestFirstAndStopsAtTheFirstAnswer() {
		IOException root = new IOException("root");
		RuntimeException middle = new RuntimeException("middle", root);
		CompletionException top = new CompletionException(middle);
		List<Throwable> visited = new ArrayList<>();
		String answer = CauseChain.search(top, (cause) -> {
			visited.add(cause);
			return (cause == middle) ? "found" : null;
		});
		assertThat(answer).isEqualTo("found");
		assertThat(visited).containsExactly(top, middle);
	}

	@Test
	void aWalkLooksAtMostMaxDepthLevelsBelowTheFailure() {
		IOException root = new IOException("root");
		Throwable reachable = root;
		for (int i = 0; i < CauseChain.MAX_DEPTH; i++) {
			reachable = new RuntimeException(reachable);
		}
		assertThat(CauseChain.find(reachable, IOException.class)).isSameAs(root);
		assertThat(CauseChain.find(new RuntimeException(reachable), IOException.class)).isNull();
	}

	@Test
	void aCycleOfCausesEnds() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		List<Throwable> visited = new ArrayList<>();
		Object answer = CauseChain.search(first, (cause) -> {
			visited.add(cause);
			return null;
		});
		assertThat(answer).isNull();
		assertThat(visited).hasSize(CauseChain.MAX_DEPTH + 1);
	}

	@Test
	void rejectsNull() {
		assertThatNullPointerException().isThrownBy(() -> CauseChain.unwrap(null)).withMessageContaining("failure");
		assertThatNullPointerException().isThrownBy(() -> CauseChain.find(new IOException(), null))
			.withMessageContaining("type");
		assertThatNullPointerException().isThrownBy(() -> CauseChain.search(new IOException(), null))
			.withMessageContaining("visitor");
	}

}
