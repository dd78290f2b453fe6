package dev.asynccassandra.internal.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.error.SessionClosedException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forced-close promise when the driver's failure reaches a request before the close's
 * cancellation does (a closing pool fails requests it has not sent yet): the driver
 * future here ignores cancellation, as one that the driver already failed would.
 */
class ForcedCloseFailureTests {

	@Test
	void aDriverFailureArrivingAfterTheForcedCloseBeganEndsAsSessionClosedWithTheDriverFailureAsCause()
			throws Exception {
		try (MockDriver driver = new MockDriver()) {
			UncancellableFuture driverFuture = returnedByTheDriver(driver);
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			CompletableFuture<AsyncResult> request = session.execute("SELECT 1");
			CompletableFuture<Void> closed = session.forceCloseAsync();
			AllNodesFailedException noConnection = noConnection();
			driver.failOnIoThread(driverFuture, noConnection);
			Throwable error = request.handle((result, failure) -> failure).get(5, TimeUnit.SECONDS);
			assertThat(error)
				.isInstanceOfSatisfying(SessionClosedException.class,
						(closedException) -> assertThat(closedException.wasAdmitted()).isTrue())
				.hasCause(noConnection);
			closed.get(5, TimeUnit.SECONDS);
			assertThat(session.inFlightCount()).isZero();
		}
	}

	@Test
	void aDriverFailureArrivingBeforeTheForcedCloseIsReportedAsItself() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			UncancellableFuture driverFuture = returnedByTheDriver(driver);
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			CompletableFuture<AsyncResult> request = session.execute("SELECT 1");
			AllNodesFailedException noConnection = noConnection();
			driver.failOnIoThread(driverFuture, noConnection);
			Throwable error = request.handle((result, failure) -> failure).get(5, TimeUnit.SECONDS);
			session.forceCloseAsync().get(5, TimeUnit.SECONDS);
			assertThat(error).isSameAs(noConnection);
		}
	}

	private static UncancellableFuture returnedByTheDriver(MockDriver driver) {
		UncancellableFuture future = new UncancellableFuture();
		Mockito.doReturn(future).when(driver.cqlSession).executeAsync(ArgumentMatchers.<Statement<?>>any());
		return future;
	}

	private static AllNodesFailedException noConnection() {
		Node node = Mockito.mock(Node.class);
		List<Map.Entry<Node, Throwable>> errors = List.of(Map.entry(node, new NodeUnavailableException(node)));
		return AllNodesFailedException.fromErrors(errors);
	}

	/**
	 * A driver future that its own failure has already claimed: cancelling it does
	 * nothing.
	 */
	private static final class UncancellableFuture extends CompletableFuture<AsyncResultSet> {

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return false;
		}

	}

}
