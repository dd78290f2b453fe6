package dev.asynccassandra.internal.session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.testing.TestSubscriber;
import dev.asynccassandra.testing.ThreadNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Row streams as in-flight work of the session: admission, slots, graceful and forced
 * close, and the race of subscriptions with a forced close.
 */
class SessionStreamCloseTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final int RACE_ITERATIONS = 300;

	private final ExecutorService pool = Executors.newFixedThreadPool(9);

	@AfterEach
	void shutdownPool() {
		this.pool.shutdownNow();
	}

	@Test
	void gracefulCloseWaitsForAnOpenStreamAndLetsItFetchItsPages() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			TestSubscriber<Row> subscriber = new TestSubscriber<>(0);
			session.stream("SELECT k FROM t").subscribe(subscriber);
			subscriber.awaitSubscribed();
			assertThat(session.inFlightCount()).isEqualTo(1);
			assertThat(session.statistics().openStreams()).isEqualTo(1);
			CompletableFuture<Void> closed = session.closeAsync();
			assertThat(session.isClosed()).isTrue();
			subscriber.request(10);
			CompletableFuture<AsyncResultSet> firstPage = driver.nextExecution();
			// The stream's slot and its page's own slot.
			assertThat(session.inFlightCount()).isEqualTo(2);
			driver.completeOnIoThread(firstPage, pageWithMore(row(), ByteBuffer.wrap(new byte[] { 1 })));
			CompletableFuture<AsyncResultSet> secondPage = driver.nextExecution();
			assertThat(closed).isNotDone();
			driver.completeOnIoThread(secondPage, driver.emptyResultSet);
			assertThat(subscriber.awaitTermination(WAIT)).isNull();
			closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(subscriber.items).hasSize(1);
			assertThat(subscriber.signalThreads).noneMatch(ThreadNames::isDriverThread);
			assertThat(driver.closeCalls).hasValue(1);
			assertThat(driver.forceCloseCalls).hasValue(0);
			assertThat(session.inFlightCount()).isZero();
			assertThat(session.statistics().openStreams()).isZero();
		}
	}

	@Test
	void forceCloseEndsOpenStreamsWithSessionClosedException() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			TestSubscriber<Row> loading = new TestSubscriber<>(5);
			session.stream("SELECT k FROM t").subscribe(loading);
			CompletableFuture<AsyncResultSet> pending = driver.nextExecution();
			TestSubscriber<Row> idle = new TestSubscriber<>(0);
			session.stream("SELECT k FROM t").subscribe(idle);
			idle.awaitSubscribed();
			assertThat(session.statistics().openStreams()).isEqualTo(2);
			session.forceCloseAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(loading.awaitTermination(WAIT)).isInstanceOfSatisfying(SessionClosedException.class,
					(ex) -> assertThat(ex.wasAdmitted()).isTrue());
			assertThat(idle.awaitTermination(WAIT)).isInstanceOfSatisfying(SessionClosedException.class,
					(ex) -> assertThat(ex.wasAdmitted()).isTrue());
			assertThat(pending).isCancelled();
			assertThat(session.inFlightCount()).isZero();
			assertThat(session.statistics().openStreams()).isZero();
		}
	}

	@Test
	void gracefulCloseEndsAStreamThatOutlivesTheDrainBound() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver
				.session(new SessionSettings(null, Duration.ofSeconds(30), Duration.ofMillis(100), true));
			TestSubscriber<Row> idle = new TestSubscriber<>(0);
			session.stream("SELECT k FROM t").subscribe(idle);
			idle.awaitSubscribed();
			session.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(idle.awaitTermination(WAIT)).isInstanceOf(SessionClosedException.class);
			assertThat(driver.forceCloseCalls).hasValue(1);
			assertThat(session.inFlightCount()).isZero();
			assertThat(session.statistics().openStreams()).isZero();
		}
	}

	@Test
	void streamSubscribedAfterCloseFailsWithoutAnyRequest() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			RowPublisher<Row> publisher = session.stream("SELECT k FROM t");
			session.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
			TestSubscriber<Row> subscriber = new TestSubscriber<>(10);
			publisher.subscribe(subscriber);
			assertThat(subscriber.awaitTermination(WAIT)).isInstanceOfSatisfying(SessionClosedException.class,
					(ex) -> assertThat(ex.wasAdmitted()).isFalse());
			assertThat(driver.executions).isEmpty();
			assertThat(session.inFlightCount()).isZero();
		}
	}

	@Test
	void cancelWhileAPageLoadsCancelsTheDriverRequestAndReleasesBothSlots() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			TestSubscriber<Row> subscriber = new TestSubscriber<>(5);
			session.stream("SELECT k FROM t").subscribe(subscriber);
			CompletableFuture<AsyncResultSet> pending = driver.nextExecution();
			assertThat(session.inFlightCount()).isEqualTo(2);
			subscriber.cancel();
			Awaitility.await().atMost(WAIT).until(pending::isCancelled);
			Awaitility.await().atMost(WAIT).until(() -> session.inFlightCount() == 0);
			assertThat(session.statistics().openStreams()).isZero();
			assertThat(subscriber.done).isNotDone();
			session.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void cancelBeforeSubscribingTakesNoSlot() throws Exception {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			RowPublisher<Row> publisher = session.stream("SELECT k FROM t");
			publisher.cancel();
			TestSubscriber<Row> subscriber = new TestSubscriber<>(5);
			publisher.subscribe(subscriber);
			assertThat(subscriber.awaitTermination(WAIT))
				.isInstanceOf(java.util.concurrent.CancellationException.class);
			assertThat(session.inFlightCount()).isZero();
			assertThat(session.statistics().openStreams()).isZero();
			session.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void badArgumentsAreRefusedWithTheirName() {
		try (MockDriver driver = new MockDriver()) {
			DefaultAsyncSession session = driver.session(MockDriver.settings());
			Statement<?> statement = SimpleStatement.newInstance("SELECT k FROM t");
			assertThatNullPointerException().isThrownBy(() -> session.stream((String) null))
				.withMessageContaining("'cql'");
			assertThatNullPointerException().isThrownBy(() -> session.stream("SELECT k FROM t", (Object[]) null))
				.withMessageContaining("'values'");
			assertThatNullPointerException().isThrownBy(() -> session.stream((StreamOptions) null, "SELECT k FROM t"))
				.withMessageContaining("'options'");
			assertThatNullPointerException().isThrownBy(() -> session.stream((Statement<?>) null))
				.withMessageContaining("'statement'");
			assertThatNullPointerException().isThrownBy(() -> session.stream(null, statement))
				.withMessageContaining("'options'");
			assertThatNullPointerException().isThrownBy(() -> session.stream(StreamOptions.defaults(), statement, null))
				.withMessageContaining("'rowMapper'");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> session.stream("SELECT k FROM t WHERE k = ?", StreamOptions.defaults()))
				.withMessageContaining("bound value");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> session.stream(BatchStatement.newInstance(DefaultBatchType.LOGGED)))
				.withMessageContaining("batch");
			assertThatIllegalArgumentException().isThrownBy(() -> StreamOptions.builder().maxRows(-1))
				.withMessageContaining("'maxRows'");
			assertThatNullPointerException().isThrownBy(() -> session.stream(statement).subscribe(null));
			assertThat(session.inFlightCount()).isZero();
		}
	}

	@Test
	void forceCloseRacingSubscriptionsLeavesNoStreamOpen() throws Exception {
		int subscribers = 8;
		int streamsEach = 4;
		for (int iteration = 0; iteration < RACE_ITERATIONS; iteration++) {
			try (MockDriver driver = new MockDriver()) {
				DefaultAsyncSession session = driver.session(MockDriver.settings());
				CyclicBarrier start = new CyclicBarrier(subscribers + 1);
				List<Future<List<TestSubscriber<Row>>>> calls = new ArrayList<>();
				for (int i = 0; i < subscribers; i++) {
					calls.add(this.pool.submit(() -> {
						List<RowPublisher<Row>> publishers = new ArrayList<>();
						for (int s = 0; s < streamsEach; s++) {
							publishers.add(session.stream("SELECT k FROM t"));
						}
						start.await(5, TimeUnit.SECONDS);
						List<TestSubscriber<Row>> subscribed = new ArrayList<>();
						for (RowPublisher<Row> publisher : publishers) {
							TestSubscriber<Row> subscriber = new TestSubscriber<>(0);
							publisher.subscribe(subscriber);
							subscribed.add(subscriber);
						}
						return subscribed;
					}));
				}
				Future<CompletableFuture<Void>> close = this.pool.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					return session.forceCloseAsync();
				});
				close.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
				for (Future<List<TestSubscriber<Row>>> call : calls) {
					for (TestSubscriber<Row> subscriber : call.get(5, TimeUnit.SECONDS)) {
						assertThat(subscriber.awaitTermination(WAIT)).isInstanceOf(SessionClosedException.class);
					}
				}
				assertThat(session.inFlightCount()).isZero();
				assertThat(session.statistics().openStreams()).isZero();
				assertThat(driver.driverCloseCalls()).isEqualTo(1);
			}
		}
	}

	private static Row row() {
		return Mockito.mock(Row.class);
	}

	private static AsyncResultSet pageWithMore(Row row, ByteBuffer pagingState) {
		AsyncResultSet page = Mockito.mock(AsyncResultSet.class);
		ExecutionInfo executionInfo = Mockito.mock(ExecutionInfo.class);
		Mockito.when(executionInfo.getPagingState()).thenReturn(pagingState);
		Mockito.when(page.remaining()).thenReturn(1);
		Mockito.when(page.currentPage()).thenReturn(List.of(row));
		Mockito.when(page.hasMorePages()).thenReturn(true);
		Mockito.when(page.getExecutionInfo()).thenReturn(executionInfo);
		return page;
	}

}
