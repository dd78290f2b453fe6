package dev.asynccassandra.spring.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.testing.TestSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Tests for {@link ConnectingAsyncSession}.
 */
class ConnectingAsyncSessionTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration RETRY = Duration.ofMillis(5);

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<ConnectingAsyncSession> sessions = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeSessions() {
		for (ConnectingAsyncSession session : this.sessions) {
			try {
				session.forceCloseAsync();
			}
			catch (RuntimeException ex) {
				// A mocked connected session has no close future: nothing to release.
			}
		}
		this.threads.shutdownNow();
	}

	@Test
	void requestsBeforeTheConnectionFailAtOnceWithTheLastFailureAsCause() {
		ConnectingAsyncSession session = session(() -> {
			throw new BeanCreationException("cassandraSession", "creation failed", new NoNodeAvailableException());
		}, (cqlSession) -> mock(AsyncSession.class));
		assertThat(started(session)).isFalse();
		CompletableFuture<AsyncResult> result = session.execute("SELECT release_version FROM system.local");
		assertThat(result).isCompletedExceptionally();
		assertThat(result.handle((value, error) -> error).join())
			.isInstanceOfSatisfying(SessionNotConnectedException.class, (ex) -> {
				assertThat(ex.attempts()).isPositive();
				assertThat(ex).hasCauseInstanceOf(NoNodeAvailableException.class)
					.hasMessageContaining("NoNodeAvailableException");
			});
		assertThat(session.prepare("SELECT 1")).isCompletedExceptionally();
		assertThatExceptionOfType(SessionNotConnectedException.class).isThrownBy(session::cqlSession);
		assertThat(session.connectionFailure()).isInstanceOf(NoNodeAvailableException.class);
	}

	@Test
	void theSessionConnectsByItselfOnceCassandraAnswersAndNeverRunsTwoAttemptsAtOnce() {
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		CqlSession cqlSession = mock(CqlSession.class);
		AsyncSession connected = mock(AsyncSession.class);
		when(connected.cqlSession()).thenReturn(cqlSession);
		ConnectingAsyncSession session = session(() -> {
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				if (calls.incrementAndGet() < 4) {
					throw new NoNodeAvailableException();
				}
				return cqlSession;
			}
			finally {
				running.decrementAndGet();
			}
		}, (driverSession) -> connected);
		assertThat(started(session)).isFalse();
		await().atMost(WAIT).until(session::isConnected);
		assertThat(calls).hasValue(4);
		assertThat(session.connectionAttempts()).isEqualTo(4);
		assertThat(mostAtOnce).hasValue(1);
		assertThat(session.cqlSession()).isSameAs(cqlSession);
		assertThat(session.connectionFailure()).isNull();
		session.execute("SELECT 1");
		verify(connected).execute("SELECT 1");
	}

	@Test
	void closingWhileAnAttemptRunsClosesTheSessionThatAttemptReturnsBeforeTheCloseCompletes() throws Exception {
		CountDownLatch attemptStarted = new CountDownLatch(1);
		CountDownLatch releaseAttempt = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		AsyncSession late = mock(AsyncSession.class);
		CompletableFuture<Void> lateClose = new CompletableFuture<>();
		when(late.closeAsync()).thenReturn(lateClose);
		ConnectingAsyncSession session = session(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new NoNodeAvailableException();
			}
			attemptStarted.countDown();
			awaitLatch(releaseAttempt);
			return mock(CqlSession.class);
		}, (cqlSession) -> late);
		assertThat(started(session)).isFalse();
		assertThat(attemptStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		CompletableFuture<Void> closed = session.closeAsync();
		assertThat(session.isClosed()).isTrue();
		assertThat(session.execute("SELECT 1").handle((value, error) -> error).join())
			.isInstanceOf(SessionClosedException.class);
		assertThat(closed).as("waits for the running attempt").isNotDone();
		releaseAttempt.countDown();
		await().atMost(WAIT).untilAsserted(() -> verify(late).closeAsync());
		assertThat(closed).as("waits for the late session to close").isNotDone();
		lateClose.complete(null);
		assertThat(closed).succeedsWithin(WAIT);
		assertThat(session.isConnected()).isFalse();
		assertThat(calls).hasValue(2);
	}

	@Test
	void closingStopsTheAttempts() {
		AtomicInteger calls = new AtomicInteger();
		ConnectingAsyncSession session = new ConnectingAsyncSession(() -> {
			calls.incrementAndGet();
			throw new NoNodeAvailableException();
		}, (cqlSession) -> mock(AsyncSession.class), Duration.ofMinutes(10), Duration.ofMinutes(10));
		this.sessions.add(session);
		started(session);
		assertThat(session.closeAsync()).succeedsWithin(WAIT);
		assertThat(session.forceCloseAsync()).succeedsWithin(WAIT);
		assertThat(calls).hasValue(1);
		assertThat(session.execute("SELECT 1").handle((value, error) -> error).join())
			.isInstanceOf(SessionClosedException.class);
	}

	@Test
	void aCallerCompletingItsCloseFutureDoesNotCompleteTheClose() {
		AsyncSession connected = mock(AsyncSession.class);
		CompletableFuture<Void> innerClose = new CompletableFuture<>();
		when(connected.closeAsync()).thenReturn(innerClose);
		ConnectingAsyncSession session = session(() -> mock(CqlSession.class), (cqlSession) -> connected);
		assertThat(started(session)).isTrue();
		session.closeAsync().complete(null);
		assertThat(session.closeAsync()).isNotDone();
		innerClose.complete(null);
		assertThat(session.closeAsync()).succeedsWithin(WAIT);
	}

	@Test
	void aStreamCreatedBeforeTheConnectionAndSubscribedAfterItRunsOnTheConnectedSession() {
		AtomicInteger calls = new AtomicInteger();
		AsyncSession connected = mock(AsyncSession.class);
		@SuppressWarnings("unchecked")
		RowPublisher<Row> rows = mock(RowPublisher.class);
		when(connected.stream("SELECT * FROM t")).thenReturn(rows);
		ConnectingAsyncSession session = session(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new NoNodeAvailableException();
			}
			return mock(CqlSession.class);
		}, (cqlSession) -> connected);
		started(session);
		RowPublisher<Row> early = session.stream("SELECT * FROM t");
		await().atMost(WAIT).until(session::isConnected);
		@SuppressWarnings("unchecked")
		Flow.Subscriber<Row> subscriber = mock(Flow.Subscriber.class);
		early.subscribe(subscriber);
		verify(rows).subscribe(subscriber);
	}

	@Test
	void aStreamSubscribedBeforeTheConnectionFailsWithSessionNotConnected() throws Exception {
		ConnectingAsyncSession session = session(() -> {
			throw new NoNodeAvailableException();
		}, (cqlSession) -> mock(AsyncSession.class));
		started(session);
		TestSubscriber<Row> subscriber = new TestSubscriber<>(1);
		session.stream("SELECT * FROM t").subscribe(subscriber);
		assertThat(subscriber.done).isCompletedExceptionally();
		assertThat(subscriber.awaitTermination(WAIT)).isInstanceOf(SessionNotConnectedException.class);
		assertThat(subscriber.signalThreads).as("onSubscribe, then a single onError").hasSize(2);
	}

	@Test
	void noBackgroundAttemptRunsBeforeEverySingletonExists() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch secondAttempt = new CountDownLatch(1);
		ConnectingAsyncSession session = session(() -> {
			if (calls.incrementAndGet() > 1) {
				secondAttempt.countDown();
			}
			throw new NoNodeAvailableException();
		}, (cqlSession) -> mock(AsyncSession.class));
		assertThat(session.start()).isFalse();
		// Retries are due every few milliseconds once allowed: none may run while the
		// context is still creating its beans.
		assertThat(secondAttempt.await(RETRY.multipliedBy(40).toMillis(), TimeUnit.MILLISECONDS)).isFalse();
		assertThat(calls).hasValue(1);
		session.afterSingletonsInstantiated();
		assertThat(secondAttempt.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
	}

	@Test
	void aWrapperThatFailsClosesTheDriverSession() {
		CqlSession cqlSession = mock(CqlSession.class);
		when(cqlSession.closeAsync()).thenReturn(CompletableFuture.completedFuture(null));
		ConnectingAsyncSession session = session(() -> cqlSession, (driverSession) -> {
			throw new IllegalArgumentException("bad listener");
		});
		assertThat(started(session)).isFalse();
		verify(cqlSession).closeAsync();
		verify(cqlSession, never()).execute(any(String.class));
		assertThat(session.connectionFailure()).hasMessage("bad listener");
	}

	private ConnectingAsyncSession session(Supplier<CqlSession> connector,
			java.util.function.Function<CqlSession, AsyncSession> wrapper) {
		ConnectingAsyncSession session = new ConnectingAsyncSession(connector, wrapper, RETRY, RETRY.multipliedBy(4));
		this.sessions.add(session);
		return session;
	}

	// What the bean factory does for a session bean: the first attempt while the
	// session is created, the background ones once every singleton exists.
	private static boolean started(ConnectingAsyncSession session) {
		boolean connected = session.start();
		session.afterSingletonsInstantiated();
		return connected;
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("latch not released in time");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
