package dev.asynccassandra.spring.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.api.AsyncSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Tests for {@link AsyncSessionLifecycle}.
 */
class AsyncSessionLifecycleTests {

	@Test
	void stopShouldBeUnsupported() {
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(mock(AsyncSession.class), Duration.ofSeconds(1));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(lifecycle::stop);
	}

	@Test
	void stopWithCallbackShouldCloseGracefullyThenRunTheCallback() throws InterruptedException {
		AsyncSession session = mock(AsyncSession.class);
		CompletableFuture<Void> close = new CompletableFuture<>();
		when(session.closeAsync()).thenReturn(close);
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(session, Duration.ofSeconds(30));
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
	void stopWithCallbackShouldForceCloseAfterTheTimeout() throws InterruptedException {
		AsyncSession session = mock(AsyncSession.class);
		when(session.closeAsync()).thenReturn(new CompletableFuture<>());
		when(session.forceCloseAsync()).thenReturn(CompletableFuture.completedFuture(null));
		when(session.inFlightCount()).thenReturn(4L, 1L);
		AsyncSessionLifecycle lifecycle = new AsyncSessionLifecycle(session, Duration.ofMillis(50));
		lifecycle.start();
		CountDownLatch stopped = new CountDownLatch(1);
		lifecycle.stop(stopped::countDown);
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		verify(session).forceCloseAsync();
	}

	@Test
	void phaseShouldBeTheDocumentedOne() {
		assertThat(new AsyncSessionLifecycle(mock(AsyncSession.class), Duration.ZERO).getPhase())
			.isEqualTo(AsyncSessionLifecycle.PHASE);
	}

}
