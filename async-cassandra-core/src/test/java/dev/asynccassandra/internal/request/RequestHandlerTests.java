package dev.asynccassandra.internal.request;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.internal.context.CallerContext;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import dev.asynccassandra.internal.observation.RequestObservation;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * A request's handler needs nothing but its {@link RequestOwner}: each step of its life
 * reaches the owner once, in order, and its result's next page goes through the same
 * owner with the request's context.
 */
class RequestHandlerTests {

	private final RecordingOwner owner = new RecordingOwner();

	private final RequestContext context = new RequestContext(Runnable::run, Duration.ofSeconds(2), "named",
			CallerContext.NONE);

	private <D, R> RequestHandler<D, R> handler(Operation<D, R> operation) {
		return new RequestHandler<>(operation, this.owner, this.context, RequestObservation.NONE,
				System.nanoTime() + Backstop.delayNanos(this.context.timeout()));
	}

	@Test
	void aCompletedRequestIsUntrackedReleasedAndGivesBackItsPermitAfterTheHandOff() {
		PreparedStatement prepared = Mockito.mock(PreparedStatement.class);
		CompletableFuture<PreparedStatement> driver = new CompletableFuture<>();
		RequestHandler<PreparedStatement, PreparedStatement> handler = handler(Operation.PREPARE);

		handler.start((ignored) -> driver, "SELECT 1");
		assertThat(this.owner.calls).isEmpty();
		driver.complete(prepared);

		assertThat(handler).isCompletedWithValue(prepared);
		assertThat(this.owner.calls).containsExactly("untrack", "releaseSlot", "returnPermit");
	}

	@Test
	void aRequestCancelledByTheCallerCancelsTheDriverRequestAndReleasesOnce() {
		CompletableFuture<PreparedStatement> driver = new CompletableFuture<>();
		RequestHandler<PreparedStatement, PreparedStatement> handler = handler(Operation.PREPARE);
		handler.start((ignored) -> driver, "SELECT 1");

		handler.cancel(false);

		assertThat(driver).isCancelled();
		assertThat(this.owner.calls).containsExactly("untrack", "releaseSlot", "returnPermit");
	}

	@Test
	void aRequestCancelledWhileWaitingForAPermitLeavesTheQueue() {
		RequestHandler<PreparedStatement, PreparedStatement> handler = handler(Operation.PREPARE);

		handler.cancel(false);

		assertThat(this.owner.calls).containsExactly("leaveQueue");
	}

	@Test
	void theNextPageGoesThroughTheOwnerWithTheRequestsContext() {
		AsyncResultSet page = Mockito.mock(AsyncResultSet.class);
		given(page.hasMorePages()).willReturn(true);
		CompletableFuture<AsyncResultSet> driver = new CompletableFuture<>();
		RequestHandler<AsyncResultSet, AsyncResult> handler = handler(Operation.EXECUTE);
		handler.start((ignored) -> driver, "SELECT 1");
		driver.complete(page);

		handler.join().fetchNextPage();

		assertThat(this.owner.nextPages).containsExactly(this.context);
	}

	private static final class RecordingOwner implements RequestOwner {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		private final List<RequestContext> nextPages = new CopyOnWriteArrayList<>();

		private final RequestEvents events = new RequestEvents(QueryEventPublisher.noop());

		@Override
		public void untrack(RequestHandler<?, ?> handler) {
			this.calls.add("untrack");
		}

		@Override
		public void returnPermit() {
			this.calls.add("returnPermit");
		}

		@Override
		public void releaseSlot() {
			this.calls.add("releaseSlot");
		}

		@Override
		public void leaveQueue(RequestHandler<?, ?> handler) {
			this.calls.add("leaveQueue");
		}

		@Override
		public boolean isForceClosing() {
			return false;
		}

		@Override
		public RequestEvents events() {
			return this.events;
		}

		@Override
		public CompletableFuture<AsyncResult> fetchNextPage(AsyncResultSet resultSet, RequestContext context) {
			this.nextPages.add(context);
			return new CompletableFuture<>();
		}

		@Override
		public CompletableFuture<AsyncResultSet> fetchStreamPage(boolean first, Statement<?> page,
				RequestContext context) {
			throw new UnsupportedOperationException();
		}

	}

}
