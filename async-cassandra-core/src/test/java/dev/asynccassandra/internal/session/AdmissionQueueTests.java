package dev.asynccassandra.internal.session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.error.FailureClassifier;
import dev.asynccassandra.api.error.FailureKind;
import dev.asynccassandra.api.error.SessionBusyException;
import dev.asynccassandra.api.error.SessionBusyException.Reason;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.event.QueueingQueryEventPublisher;
import dev.asynccassandra.internal.request.RequestLauncher;
import dev.asynccassandra.testing.TestSubscriber;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on requests in flight and the admission queue, on a mocked driver whose
 * requests stay pending until the test completes them: FIFO hand-over of slots, the queue
 * bound, the wait bounded by the request's timeout, and cleanup when a waiting request is
 * cancelled or the session closes.
 */
class AdmissionQueueTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static SessionSettings bounded(int maxInFlight, int maxQueued) {
		return new SessionSettings(null, TIMEOUT, TIMEOUT, true, StreamOptions.defaults(), maxInFlight, maxQueued);
	}

	@Test
	void requestsBeyondTheBoundWaitInArrivalOrderAndAFullQueueFailsAtOnce() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(bounded(2, 2));
			CompletableFuture<AsyncResult> first = session.execute("SELECT 1");
			CompletableFuture<AsyncResult> second = session.execute("SELECT 2");
			CompletableFuture<AsyncResult> third = session.execute("SELECT 3");
			CompletableFuture<AsyncResult> fourth = session.execute("SELECT 4");
			CompletableFuture<AsyncResult> fifth = session.execute("SELECT 5");
			assertThat(driver.executions).as("requests sent to the driver").hasSize(2);
			assertThat(session.statistics().queuedRequests()).isEqualTo(2);
			assertThat(session.statistics().maxRequestsInFlight()).isEqualTo(2);
			assertThat(session.inFlightCount()).as("running and waiting").isEqualTo(4);
			assertThat(fifth).isCompletedExceptionally();
			Throwable busy = fifth.handle((result, error) -> error).join();
			assertThat(busy).isInstanceOfSatisfying(SessionBusyException.class, (ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.QUEUE_FULL);
				assertThat(ex.maxInFlight()).isEqualTo(2);
				assertThat(ex.maxQueued()).isEqualTo(2);
			});
			assertThat(FailureClassifier.classify(busy)).isEqualTo(FailureKind.RETRYABLE);
			assertThat(third).isNotDone();
			assertThat(fourth).isNotDone();

			List<String> started = new ArrayList<>();
			CompletableFuture<AsyncResultSet> firstDriver = driver.nextExecution();
			CompletableFuture<AsyncResultSet> secondDriver = driver.nextExecution();
			driver.completeOnIoThread(firstDriver, driver.emptyResultSet);
			assertThat(first.get(5, TimeUnit.SECONDS)).isNotNull();
			CompletableFuture<AsyncResultSet> thirdDriver = driver.nextExecution();
			started.add("third");
			assertThat(driver.executions).as("only the head of the queue started").isEmpty();
			driver.completeOnIoThread(secondDriver, driver.emptyResultSet);
			CompletableFuture<AsyncResultSet> fourthDriver = driver.nextExecution();
			started.add("fourth");
			driver.completeOnIoThread(thirdDriver, driver.emptyResultSet);
			driver.completeOnIoThread(fourthDriver, driver.emptyResultSet);
			assertThat(second.get(5, TimeUnit.SECONDS)).isNotNull();
			assertThat(third.get(5, TimeUnit.SECONDS)).isNotNull();
			assertThat(fourth.get(5, TimeUnit.SECONDS)).isNotNull();
			assertThat(started).containsExactly("third", "fourth");
			assertThat(session.statistics().queuedRequests()).isZero();
			awaitIdleThenClose(session, Duration.ofSeconds(5));
		}
	}

	@Test
	void waitersThatTheDriverFailsAtOnceAreStartedOneAfterTheOtherWithoutRecursion() throws Exception {
		int waiting = 20_000;
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(bounded(1, waiting));
			CompletableFuture<AsyncResult> running = session.execute("SELECT 1");
			List<CompletableFuture<AsyncResult>> queued = new ArrayList<>();
			for (int i = 0; i < waiting; i++) {
				queued.add(session.execute("SELECT 2"));
			}
			assertThat(session.statistics().queuedRequests()).isEqualTo(waiting);
			// From now on the driver fails every request inside executeAsync, so each
			// start returns its permit before the start returns.
			IllegalStateException refused = new IllegalStateException("refused at once");
			Mockito.doReturn(CompletableFuture.failedFuture(refused))
				.when(driver.cqlSession)
				.executeAsync(ArgumentMatchers.<Statement<?>>any());
			answerNextAndAwait(driver, running, Duration.ofSeconds(30));
			CompletableFuture.allOf(queued.toArray(new CompletableFuture<?>[0]))
				.handle((ignored, error) -> null)
				.get(30, TimeUnit.SECONDS);
			assertThat(queued).allSatisfy(
					(future) -> assertThat(future.handle((result, error) -> error).join()).hasRootCause(refused));
			awaitIdleThenClose(session, Duration.ofSeconds(10));
		}
	}

	@Test
	void aRequestWhoseTimeoutPassesInTheQueueFailsWithSessionBusyWithoutBeingSent() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(bounded(1, 10));
			CompletableFuture<AsyncResult> running = session.execute("SELECT 1");
			Duration timeout = Duration.ofMillis(300);
			long start = System.nanoTime();
			CompletableFuture<AsyncResult> waiting = session.execute(QueryOptions.builder().timeout(timeout).build(),
					"SELECT 2");
			// Bound: the timeout, plus one sweep period, plus scheduling slack on a busy
			// machine.
			Throwable error = waiting.handle((result, failure) -> failure)
				.get(timeout.plus(RequestLauncher.SWEEP_PERIOD).toMillis() + 5_000, TimeUnit.MILLISECONDS);
			long waitedNanos = System.nanoTime() - start;
			assertThat(error).isInstanceOfSatisfying(SessionBusyException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(Reason.QUEUE_TIMEOUT));
			assertThat(waitedNanos).as("waited at least its timeout").isGreaterThanOrEqualTo(timeout.toNanos());
			assertThat(driver.executions).as("only the running request was sent").hasSize(1);
			assertThat(session.statistics().queuedRequests()).isZero();
			answerNextAndAwait(driver, running, Duration.ofSeconds(5));
			awaitIdleThenClose(session, Duration.ofSeconds(5));
		}
	}

	@Test
	void aWaitingRequestCancelledByItsCallerLeavesTheQueueAndIsNeverSent() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(bounded(1, 10));
			CompletableFuture<AsyncResult> running = session.execute("SELECT 1");
			CompletableFuture<AsyncResult> cancelled = session.execute("SELECT 2");
			CompletableFuture<AsyncResult> next = session.execute("SELECT 3");
			assertThat(cancelled.cancel(false)).isTrue();
			assertThat(session.statistics().queuedRequests()).isEqualTo(1);
			assertThat(session.inFlightCount()).isEqualTo(2);
			answerNextAndAwait(driver, running, Duration.ofSeconds(5));
			CompletableFuture<AsyncResultSet> nextDriver = driver.nextExecution();
			assertThat(driver.executions).as("the cancelled request was never sent").isEmpty();
			driver.completeOnIoThread(nextDriver, driver.emptyResultSet);
			assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull();
			awaitIdleThenClose(session, Duration.ofSeconds(5));
		}
	}

	@Test
	void aGracefulCloseFailsWaitingRequestsAndLetsRunningOnesFinish() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(bounded(1, 10));
			CompletableFuture<AsyncResult> running = session.execute("SELECT 1");
			CompletableFuture<AsyncResult> waiting = session.execute("SELECT 2");
			CompletableFuture<AsyncResultSet> runningDriver = driver.nextExecution();
			CompletableFuture<Void> closed = session.closeAsync();
			assertThat(waiting.handle((result, error) -> error).get(5, TimeUnit.SECONDS))
				.isInstanceOfSatisfying(SessionClosedException.class, (ex) -> assertThat(ex.wasAdmitted()).isFalse());
			assertThat(closed).isNotDone();
			driver.completeOnIoThread(runningDriver, driver.emptyResultSet);
			assertThat(running.get(5, TimeUnit.SECONDS)).isNotNull();
			closed.get(5, TimeUnit.SECONDS);
			assertThat(driver.executions).as("the waiting request was never sent").isEmpty();
			assertThat(session.inFlightCount()).isZero();
			assertThat(session.statistics().queuedRequests()).isZero();
		}
	}

	@Test
	void aForcedCloseFailsWaitingAndRunningRequests() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(bounded(2, 100));
			List<CompletableFuture<AsyncResult>> futures = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				futures.add(session.execute("SELECT 1"));
			}
			assertThat(session.statistics().queuedRequests()).isEqualTo(48);
			session.forceCloseAsync().get(5, TimeUnit.SECONDS);
			CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
				.handle((ignored, error) -> null)
				.get(5, TimeUnit.SECONDS);
			long admitted = futures.stream()
				.map((future) -> future.handle((result, error) -> error).join())
				.filter((error) -> error instanceof SessionClosedException closed && closed.wasAdmitted())
				.count();
			long notSent = futures.stream()
				.map((future) -> future.handle((result, error) -> error).join())
				.filter((error) -> error instanceof SessionClosedException closed && !closed.wasAdmitted())
				.count();
			assertThat(admitted).as("running requests ended by the close").isEqualTo(2);
			assertThat(notSent).as("waiting requests refused").isEqualTo(48);
			assertThat(driver.executions).hasSize(2).allSatisfy((future) -> assertThat(future).isCancelled());
			assertThat(session.inFlightCount()).isZero();
			assertThat(session.statistics().queuedRequests()).isZero();
		}
	}

	@Test
	void streamPagesTakeSlotsInTurnAndAGracefulCloseLetsAWaitingPageFinish() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(bounded(1, 10));
			TestSubscriber<Row> subscriber = new TestSubscriber<>(10);
			session.stream("SELECT k FROM t").subscribe(subscriber);
			CompletableFuture<AsyncResultSet> firstPage = driver.nextExecution();
			CompletableFuture<AsyncResult> execute = session.execute("SELECT 1");
			assertThat(session.statistics().queuedRequests()).as("the execute waits for the page's slot").isEqualTo(1);
			driver.completeOnIoThread(firstPage, pageWithMore());
			CompletableFuture<AsyncResultSet> executeDriver = driver.nextExecution();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> session.statistics().queuedRequests() == 1);
			assertThat(driver.executions).as("the next page waits for the execute's slot").isEmpty();
			CompletableFuture<Void> closed = session.closeAsync();
			assertThat(session.statistics().queuedRequests()).as("a graceful close keeps the waiting page")
				.isEqualTo(1);
			driver.completeOnIoThread(executeDriver, driver.emptyResultSet);
			assertThat(execute.get(5, TimeUnit.SECONDS)).isNotNull();
			driver.completeOnIoThread(driver.nextExecution(), driver.emptyResultSet);
			assertThat(subscriber.awaitTermination(Duration.ofSeconds(5))).isNull();
			assertThat(subscriber.items).hasSize(1);
			closed.get(5, TimeUnit.SECONDS);
			assertThat(session.inFlightCount()).isZero();
		}
	}

	private static AsyncResultSet pageWithMore() {
		AsyncResultSet page = Mockito.mock(AsyncResultSet.class);
		ExecutionInfo executionInfo = Mockito.mock(ExecutionInfo.class);
		Mockito.when(executionInfo.getPagingState()).thenReturn(ByteBuffer.wrap(new byte[] { 1 }));
		Mockito.when(page.remaining()).thenReturn(1);
		Mockito.when(page.currentPage()).thenReturn(List.of(Mockito.mock(Row.class)));
		Mockito.when(page.hasMorePages()).thenReturn(true);
		Mockito.when(page.getExecutionInfo()).thenReturn(executionInfo);
		return page;
	}

	@Test
	void queryEventsReportTheWaitAndTheRefusals() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			List<QueryEvent> events = new CopyOnWriteArrayList<>();
			QueueingQueryEventPublisher publisher = QueueingQueryEventPublisher.start(List.of(events::add));
			DefaultAsyncSession session = new DefaultAsyncSession(driver.cqlSession, bounded(1, 1), publisher,
					List.of(publisher));
			CompletableFuture<AsyncResult> running = session.execute("SELECT 1");
			CompletableFuture<AsyncResult> waiting = session.execute("SELECT 2");
			CompletableFuture<AsyncResult> refused = session.execute("SELECT 3");
			assertThat(refused).isCompletedExceptionally();
			CompletableFuture<AsyncResultSet> runningDriver = driver.nextExecution();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.outcome()).isEqualTo(Outcome.REJECTED);
				assertThat(event.exceptionClass()).isEqualTo(SessionBusyException.class);
			});
			long before = System.nanoTime();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - before > 1_000_000);
			driver.completeOnIoThread(runningDriver, driver.emptyResultSet);
			running.get(5, TimeUnit.SECONDS);
			driver.completeOnIoThread(driver.nextExecution(), driver.emptyResultSet);
			waiting.get(5, TimeUnit.SECONDS);
			session.closeAsync().get(5, TimeUnit.SECONDS);
			assertThat(events).hasSize(3);
			assertThat(events).filteredOn((event) -> event.outcome() == Outcome.SUCCESS)
				.extracting(QueryEvent::admissionWaitNanos)
				.satisfiesExactlyInAnyOrder((wait) -> assertThat(wait).isZero(),
						(wait) -> assertThat(wait).isGreaterThan(1_000_000L));
		}
	}

	/**
	 * Answers the next request the driver was given and checks that its caller got the
	 * result within the bound.
	 */
	private static void answerNextAndAwait(MockDriver driver, CompletableFuture<AsyncResult> caller, Duration bound)
			throws Exception {
		driver.completeOnIoThread(driver.nextExecution(), driver.emptyResultSet);
		assertThat(caller.get(bound.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
	}

	/**
	 * Ends a test: waits, within the bound, until no request is left in the session, then
	 * closes it (bounded at 5 s).
	 */
	private static void awaitIdleThenClose(AsyncSession session, Duration bound) throws Exception {
		Awaitility.await().atMost(bound).until(() -> session.inFlightCount() == 0);
		session.closeAsync().get(5, TimeUnit.SECONDS);
	}

}
