package dev.asynccassandra.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.CompletionExecutors;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.error.CompletionRejectedException;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import dev.asynccassandra.testing.ThreadNames;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class DefaultAsyncSessionTests {

	private final MockDriver driver = new MockDriver();

	private final ExecutorService callerExecutor = Executors
		.newSingleThreadExecutor((task) -> new Thread(task, "caller-executor"));

	@AfterEach
	void closeResources() {
		this.driver.close();
		this.callerExecutor.shutdownNow();
	}

	@Test
	void futureCompletesOnTheDefaultPoolWhenTheDriverCompletesOnAnIoThread() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		CompletableFuture<String> thread = session.execute("SELECT 1")
			.thenApply((result) -> Thread.currentThread().getName());
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(thread.get(5, TimeUnit.SECONDS)).matches(ThreadNames.DEFAULT_POOL_THREAD)
			.doesNotMatch(ThreadNames.DRIVER_THREAD);
		CompletableFuture<String> failureThread = session.execute("SELECT 1")
			.handle((result, error) -> Thread.currentThread().getName());
		this.driver.failOnIoThread(this.driver.nextExecution(), new NoNodeAvailableException());
		assertThat(failureThread.get(5, TimeUnit.SECONDS)).matches(ThreadNames.DEFAULT_POOL_THREAD);
		session.closeAsync().get(5, TimeUnit.SECONDS);
	}

	@Test
	void executorIsCapturedWhenTheCallIsMadeAndReusedForTheNextPage() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		QueryOptions options = QueryOptions.builder().executor(this.callerExecutor).build();
		CompletableFuture<AsyncResult> first = session.execute(options, "SELECT 1");
		CompletableFuture<String> firstThread = first.thenApply((result) -> Thread.currentThread().getName());
		AsyncResultSet firstPage = Mockito.mock(AsyncResultSet.class);
		CompletableFuture<AsyncResultSet> secondPageFuture = new CompletableFuture<>();
		Mockito.when(firstPage.hasMorePages()).thenReturn(true);
		Mockito.when(firstPage.fetchNextPage()).thenReturn(secondPageFuture);
		this.driver.completeOnIoThread(this.driver.nextExecution(), firstPage);
		assertThat(firstThread.get(5, TimeUnit.SECONDS)).isEqualTo("caller-executor");
		// Fetched from the test thread, completed on an I/O thread: still the captured
		// executor.
		CompletableFuture<String> secondThread = first.get()
			.fetchNextPage()
			.thenApply((result) -> Thread.currentThread().getName());
		assertThat(session.inFlightCount()).isEqualTo(1);
		this.driver.completeOnIoThread(secondPageFuture, this.driver.emptyResultSet);
		assertThat(secondThread.get(5, TimeUnit.SECONDS)).isEqualTo("caller-executor");
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	void fetchingPastTheLastPageIsAProgrammingError() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		AsyncResult result = future.get(5, TimeUnit.SECONDS);
		assertThatIllegalStateException().isThrownBy(result::fetchNextPage);
	}

	@Test
	void rejectedCompletionFailsOffTheIoThreadAndReleasesTheSlot() throws Exception {
		Executor rejecting = (task) -> {
			throw new RejectedExecutionException("full");
		};
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		CompletableFuture<AsyncResult> future = session.execute(QueryOptions.builder().executor(rejecting).build(),
				"SELECT 1");
		AtomicReference<String> thread = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		CompletableFuture<Void> seen = future.handle((result, error) -> {
			thread.set(Thread.currentThread().getName());
			failure.set(error);
			return null;
		});
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		seen.get(5, TimeUnit.SECONDS);
		assertThat(thread.get()).doesNotMatch(ThreadNames.DRIVER_THREAD);
		assertThat(failure.get()).isInstanceOf(CompletionRejectedException.class)
			.hasCauseInstanceOf(RejectedExecutionException.class);
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	void anExecutorThatRunsTheTaskAndThenThrowsEndsTheRequestOnce() throws Exception {
		Executor runsThenThrows = (task) -> {
			task.run();
			throw new RejectedExecutionException("thrown after running the task");
		};
		List<QueryEvent> events = new CopyOnWriteArrayList<>();
		DefaultAsyncSession session = this.driver.session(MockDriver.settings(), events::add);
		CompletableFuture<AsyncResult> pending = session.execute("SELECT 1");
		CompletableFuture<AsyncResultSet> pendingDriverFuture = this.driver.nextExecution();
		CompletableFuture<AsyncResult> future = session
			.execute(QueryOptions.builder().executor(runsThenThrows).statementName("ran").build(), "SELECT 1");
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(future).succeedsWithin(Duration.ofSeconds(5));
		// A second release would have freed the pending request's slot.
		assertThat(session.inFlightCount()).isEqualTo(1);
		assertThat(events).extracting(QueryEvent::outcome, QueryEvent::statementName)
			.containsExactly(Tuple.tuple(QueryEvent.Outcome.SUCCESS, "ran"));
		this.driver.completeOnIoThread(pendingDriverFuture, this.driver.emptyResultSet);
		assertThat(pending).succeedsWithin(Duration.ofSeconds(5));
		session.closeAsync().get(5, TimeUnit.SECONDS);
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	void directCompletionRunsContinuationsOnTheThreadThatEndedTheDriverRequest() throws Exception {
		List<QueryEvent> events = new CopyOnWriteArrayList<>();
		DefaultAsyncSession session = this.driver.session(MockDriver.settings(), events::add);
		QueryOptions direct = QueryOptions.builder().executor(CompletionExecutors.direct()).build();
		CompletableFuture<String> thread = session.execute(direct, "SELECT 1")
			.thenApply((result) -> Thread.currentThread().getName());
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(thread.get(5, TimeUnit.SECONDS)).matches(ThreadNames.DRIVER_THREAD);
		CompletableFuture<Throwable> failure = session.execute(direct, "SELECT 1").handle((result, error) -> error);
		this.driver.failOnIoThread(this.driver.nextExecution(), new NoNodeAvailableException());
		assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(NoNodeAvailableException.class);
		assertThat(session.inFlightCount()).isZero();
		assertThat(events).extracting(QueryEvent::outcome)
			.containsExactly(QueryEvent.Outcome.SUCCESS, QueryEvent.Outcome.FAILURE);
		session.closeAsync().get(5, TimeUnit.SECONDS);
	}

	@Test
	void backstopTimeoutCancelsTheDriverRequestAndReleasesTheSlot() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		CompletableFuture<AsyncResult> future = session
			.execute(QueryOptions.builder().timeout(Duration.ofMillis(50)).build(), "SELECT 1");
		CompletableFuture<AsyncResultSet> driverFuture = this.driver.nextExecution();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		future.handle((result, error) -> {
			failure.set(error);
			return null;
		}).get(5, TimeUnit.SECONDS);
		assertThat(failure.get()).isInstanceOf(QueryTimeoutException.class);
		assertThat(((QueryTimeoutException) failure.get()).getTimeout()).isEqualTo(Duration.ofMillis(50));
		assertThat(driverFuture).isCancelled();
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	void timeoutIsGivenToTheDriverStatementWithTheOtherOptions() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		session.execute(QueryOptions.builder()
			.timeout(Duration.ofMillis(700))
			.consistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)
			.pageSize(7)
			.idempotent(true)
			.build(), "SELECT 1");
		session.execute(SimpleStatement.newInstance("SELECT 2"));
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Statement<?>> statements = ArgumentCaptor.forClass(Statement.class);
		Mockito.verify(this.driver.cqlSession, Mockito.times(2)).executeAsync(statements.capture());
		Statement<?> first = statements.getAllValues().get(0);
		assertThat(first.getTimeout()).isEqualTo(Duration.ofMillis(700));
		assertThat(first.getConsistencyLevel()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
		assertThat(first.getPageSize()).isEqualTo(7);
		assertThat(first.isIdempotent()).isTrue();
		assertThat(statements.getAllValues().get(1).getTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void namedValuesTakeTheOptionsGivenFirst() {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		session.execute(QueryOptions.builder().timeout(Duration.ofMillis(900)).build(), "SELECT v FROM t WHERE k = :k",
				Map.of("k", 1));
		ArgumentCaptor<SimpleStatement> statement = ArgumentCaptor.forClass(SimpleStatement.class);
		Mockito.verify(this.driver.cqlSession).executeAsync(statement.capture());
		assertThat(statement.getValue().getNamedValues()).containsOnlyKeys(CqlIdentifier.fromCql("k"));
		assertThat(statement.getValue().getTimeout()).isEqualTo(Duration.ofMillis(900));
	}

	@Test
	void cancelCancelsTheDriverRequestAndReleasesTheSlotAtOnce() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
		CompletableFuture<AsyncResultSet> driverFuture = this.driver.nextExecution();
		assertThat(session.inFlightCount()).isEqualTo(1);
		assertThat(future.cancel(true)).isTrue();
		assertThat(driverFuture).isCancelled();
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void callingTheFuturesInternalCallbacksChangesNothing() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
		CompletableFuture<AsyncResultSet> driverFuture = this.driver.nextExecution();
		BiConsumer<AsyncResultSet, Throwable> driverCallback = (BiConsumer<AsyncResultSet, Throwable>) future;

		((Runnable) future).run();
		driverCallback.accept(null, new IllegalStateException("not from the driver"));
		assertThat(future).isNotDone();
		assertThat(session.inFlightCount()).isEqualTo(1);

		this.driver.completeOnIoThread(driverFuture, this.driver.emptyResultSet);
		assertThat(future).succeedsWithin(Duration.ofSeconds(5));
		((Runnable) future).run();
		driverCallback.accept(null, new IllegalStateException("not from the driver"));
		assertThat(future.join().remaining()).isZero();
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	void driverExceptionsArriveUnwrappedEvenWhenTheDriverWrapsThem() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		NoNodeAvailableException noNode = new NoNodeAvailableException();
		CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
		AtomicReference<Throwable> seenByWhenComplete = new AtomicReference<>();
		AtomicReference<Throwable> seenByExceptionally = new AtomicReference<>();
		CompletableFuture<AsyncResult> whenComplete = future
			.whenComplete((result, error) -> seenByWhenComplete.set(error));
		CompletableFuture<AsyncResult> exceptionally = future.exceptionally((error) -> {
			seenByExceptionally.set(error);
			return null;
		});
		CompletableFuture<Object> done = CompletableFuture.allOf(exceptionally)
			.thenCompose((ignored) -> whenComplete.handle((result, error) -> null));
		this.driver.failOnIoThread(this.driver.nextExecution(), new CompletionException(noNode));
		done.get(5, TimeUnit.SECONDS);
		assertThat(seenByWhenComplete.get()).isSameAs(noNode);
		assertThat(seenByExceptionally.get()).isSameAs(noNode);
	}

	@Test
	void foreignFailuresAreWrappedInTheLibraryRoot() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
		IllegalStateException foreign = new IllegalStateException("value=secret-42");
		this.driver.failOnIoThread(this.driver.nextExecution(), foreign);
		Throwable failure = future.handle((result, error) -> error).get(5, TimeUnit.SECONDS);
		assertThat(failure).isInstanceOf(UnexpectedFailureException.class).hasCause(foreign);
		assertThat(failure.getMessage()).doesNotContain("secret-42");
	}

	@Test
	void nullArgumentsAreThrownNamingTheParameter() {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		assertThatNullPointerException().isThrownBy(() -> session.execute((String) null))
			.withMessageContaining("'cql'");
		assertThatNullPointerException().isThrownBy(() -> session.execute("SELECT 1", (Object[]) null))
			.withMessageContaining("'values'");
		assertThatNullPointerException().isThrownBy(() -> session.execute("SELECT 1", (Map<String, Object>) null))
			.withMessageContaining("'namedValues'");
		assertThatNullPointerException().isThrownBy(() -> session.execute((Statement<?>) null))
			.withMessageContaining("'statement'");
		assertThatNullPointerException()
			.isThrownBy(() -> session.execute((QueryOptions) null, SimpleStatement.newInstance("SELECT 1")))
			.withMessageContaining("'options'");
		assertThatNullPointerException().isThrownBy(() -> session.prepare(null)).withMessageContaining("'cql'");
		assertThatNullPointerException().isThrownBy(() -> session.executeBatch(null, List.of()))
			.withMessageContaining("'type'");
		assertThat(session.inFlightCount()).isZero();
	}

	@Test
	void malformedBatchesAndMisplacedOptionsAreRejected() {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		assertThatIllegalArgumentException().isThrownBy(() -> session.executeBatch(DefaultBatchType.LOGGED, List.of()))
			.withMessageContaining("'statements'");
		assertThatIllegalArgumentException().isThrownBy(() -> session.execute("SELECT ?", QueryOptions.defaults()))
			.withMessageContaining("QueryOptions");
		// Options last (an easy slip) resolves to the positional overload: refused,
		// never sent with the options as a value.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> session.execute("SELECT :k", Map.of("k", 1), QueryOptions.defaults()))
			.withMessageContaining("execute(QueryOptions, String, Object...)");
	}

	@Test
	void batchesAreSentAsOneBatchStatement() throws Exception {
		DefaultAsyncSession session = this.driver.session(MockDriver.settings());
		List<BatchableStatement<?>> statements = List.of(SimpleStatement.newInstance("INSERT 1"),
				SimpleStatement.newInstance("INSERT 2"));
		CompletableFuture<AsyncResult> future = session.executeBatch(DefaultBatchType.UNLOGGED, statements);
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(future.get(5, TimeUnit.SECONDS).wasApplied()).isTrue();
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Statement<?>> sent = ArgumentCaptor.forClass(Statement.class);
		Mockito.verify(this.driver.cqlSession).executeAsync(sent.capture());
		assertThat(sent.getValue()).isInstanceOfSatisfying(BatchStatement.class, (batch) -> {
			assertThat(batch.getBatchType()).isEqualTo(DefaultBatchType.UNLOGGED);
			assertThat(batch.size()).isEqualTo(2);
		});
	}

	@Test
	void aThrowingPublisherNeitherFailsNorDelaysTheQuery() throws Exception {
		QueryEventPublisher throwing = (event) -> {
			throw new IllegalStateException("broken registry");
		};
		DefaultAsyncSession session = this.driver.session(MockDriver.settings(), throwing);
		CompletableFuture<AsyncResult> future = session.execute("SELECT 1");
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		assertThat(future.get(5, TimeUnit.SECONDS)).isNotNull();
		CompletableFuture<AsyncResult> failing = session.execute("SELECT 1");
		this.driver.failOnIoThread(this.driver.nextExecution(), new NoNodeAvailableException());
		assertThat(failing.handle((result, error) -> error).get(5, TimeUnit.SECONDS))
			.isInstanceOf(NoNodeAvailableException.class);
		assertThat(session.inFlightCount()).isZero();
		session.closeAsync().get(5, TimeUnit.SECONDS);
		CompletableFuture<AsyncResult> rejected = session.execute("SELECT 1");
		assertThat(rejected.handle((result, error) -> error).get(5, TimeUnit.SECONDS))
			.isInstanceOf(SessionClosedException.class);
	}

	@Test
	void oneEventIsPublishedPerRequestWithItsOutcome() throws Exception {
		List<QueryEvent> events = new CopyOnWriteArrayList<>();
		DefaultAsyncSession session = this.driver.session(MockDriver.settings(), events::add);
		QueryOptions named = QueryOptions.builder().statementName("find").build();
		CompletableFuture<AsyncResult> success = session.execute(named, "SELECT 1");
		this.driver.completeOnIoThread(this.driver.nextExecution(), this.driver.emptyResultSet);
		success.get(5, TimeUnit.SECONDS);
		CompletableFuture<AsyncResult> cancelled = session.execute("SELECT 1");
		this.driver.nextExecution();
		cancelled.cancel(true);
		session.closeAsync().get(5, TimeUnit.SECONDS);
		session.execute("SELECT 1");
		// Each request publishes before its future completes; across requests events
		// carry no order.
		assertThat(events).extracting(QueryEvent::outcome, QueryEvent::exceptionClass, QueryEvent::statementName)
			.containsExactlyInAnyOrder(Tuple.tuple(QueryEvent.Outcome.SUCCESS, null, "find"),
					Tuple.tuple(QueryEvent.Outcome.CANCELLED, CancellationException.class, null),
					Tuple.tuple(QueryEvent.Outcome.REJECTED, SessionClosedException.class, null));
	}

}
