package dev.asynccassandra.spring.lifecycle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.SessionStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Tests for {@link AsyncSessionLifecycle}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncSessionLifecycleTests {

	@Test
	void stopShouldBeUnsupported() {
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(mock(AsyncSession.class));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(lifecycle::stop);
	}

	@Test
	void stopWithCallbackShouldCloseGracefullyAndRunTheCallbackOnlyOnceTheSessionHasClosed()
			throws InterruptedException {
		AsyncSession session = mock(AsyncSession.class);
		CompletableFuture<Void> close = new CompletableFuture<>();
		when(session.closeAsync()).thenReturn(close);
		when(session.statistics()).thenReturn(statistics(2, 1));
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(session);
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		CountDownLatch stopped = new CountDownLatch(1);
		lifecycle.stop(stopped::countDown);
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(stopped.getCount()).isOne();
		close.complete(null);
		assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
		verify(session, never()).forceCloseAsync();
	}

	@Test
	void stopWithCallbackShouldLeaveTheDrainBoundAndTheForceCloseToTheSession() {
		// The session's close is still draining: the lifecycle neither fails it nor
		// force-closes on its own, and holds the callback until the close completes.
		AsyncSession session = mock(AsyncSession.class);
		CompletableFuture<Void> close = new CompletableFuture<>();
		when(session.closeAsync()).thenReturn(close);
		when(session.statistics()).thenReturn(statistics(4, 3));
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(session);
		lifecycle.start();
		CountDownLatch stopped = new CountDownLatch(1);
		lifecycle.stop(stopped::countDown);
		assertThat(close).isNotDone();
		assertThat(stopped.getCount()).isOne();
		verify(session, never()).forceCloseAsync();
	}

	@Test
	void stopWithCallbackShouldRunTheCallbackAndLogWhenTheCloseFails(CapturedOutput output)
			throws InterruptedException {
		AsyncSession session = mock(AsyncSession.class);
		when(session.closeAsync()).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("boom")));
		when(session.statistics()).thenReturn(statistics(0, 0));
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(session);
		lifecycle.start();
		CountDownLatch stopped = new CountDownLatch(1);
		lifecycle.stop(stopped::countDown);
		assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(output).contains("async-cassandra session closed with a failure");
	}

	@Test
	void stopShouldLogWhatIsInFlight(CapturedOutput output) throws InterruptedException {
		AsyncSession session = mock(AsyncSession.class);
		when(session.closeAsync()).thenReturn(CompletableFuture.completedFuture(null));
		when(session.statistics()).thenReturn(statistics(5, 2));
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(session);
		lifecycle.start();
		CountDownLatch stopped = new CountDownLatch(1);
		lifecycle.stop(stopped::countDown);
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(output).contains("Closing async-cassandra session with 5 request(s) in flight, 2 of them open");
		verify(session).closeAsync();
		verify(session, never()).forceCloseAsync();
	}

	@Test
	void phaseShouldStopAfterTheWebServersGracefulShutdown() {
		// Lower phases stop later: the web server drains its requests first.
		assertThat(AsyncSessionLifecycle.PHASE).isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
			.isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
	}

	@Test
	void phaseShouldBeTheDocumentedOne() {
		assertThat(new AsyncSessionLifecycle(mock(AsyncSession.class)).getPhase())
			.isEqualTo(AsyncSessionLifecycle.PHASE);
	}

	private static SessionStatistics statistics(long inFlight, long openStreams) {
		return new SessionStatistics(inFlight, openStreams, 0, 0, 0, 0, 0);
	}

}
