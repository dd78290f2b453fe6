package dev.asynccassandra.internal.error;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import dev.asynccassandra.api.error.CauseChain;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.error.UnexpectedFailureException;
import dev.asynccassandra.api.error.WaitInterruptedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionMapperTests {

	private static final Duration TIMEOUT = Duration.ofMillis(1500);

	@Test
	void driverExceptionsPassThroughEveryWrapperLayer() {
		NoNodeAvailableException driver = new NoNodeAvailableException();
		Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(driver)));
		assertThat(ExceptionMapper.map(wrapped, TIMEOUT)).isSameAs(driver);
		DriverTimeoutException timeout = new DriverTimeoutException("Query timed out after PT1S");
		assertThat(ExceptionMapper.map(timeout, TIMEOUT)).isSameAs(timeout);
	}

	@Test
	void ownExceptionsCancellationAndErrorsPassThrough() {
		SessionClosedException closed = new SessionClosedException(false);
		assertThat(ExceptionMapper.map(new CompletionException(closed), TIMEOUT)).isSameAs(closed);
		CancellationException cancelled = new CancellationException();
		assertThat(ExceptionMapper.map(cancelled, TIMEOUT)).isSameAs(cancelled);
		StackOverflowError error = new StackOverflowError();
		assertThat(ExceptionMapper.map(error, TIMEOUT)).isSameAs(error);
	}

	@Test
	void timeoutExceptionBecomesQueryTimeoutExceptionWithTheDuration() {
		Throwable mapped = ExceptionMapper.map(new ExecutionException(new TimeoutException()), TIMEOUT);
		assertThat(mapped).isInstanceOf(QueryTimeoutException.class);
		assertThat(((QueryTimeoutException) mapped).getTimeout()).isEqualTo(TIMEOUT);
	}

	@Test
	void foreignFailuresAreWrappedWithTheCauseAndWithoutItsMessage() {
		IllegalArgumentException foreign = new IllegalArgumentException("password=hunter2");
		Throwable mapped = ExceptionMapper.map(new CompletionException(foreign), TIMEOUT);
		assertThat(mapped).isInstanceOf(UnexpectedFailureException.class).hasCause(foreign);
		assertThat(mapped.getMessage()).contains("IllegalArgumentException").doesNotContain("hunter2");
	}

	@Test
	void anInterruptedWaitGetsItsOwnTypeAndReinterruptsTheCurrentThread() {
		InterruptedException interrupted = new InterruptedException();
		try {
			Throwable mapped = ExceptionMapper.map(new ExecutionException(interrupted), TIMEOUT);
			assertThat(mapped).isInstanceOf(WaitInterruptedException.class).hasCause(interrupted);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void aWrapperChainLongerThanTheWalkEndsAtTheDeepestLayerVisited() {
		Throwable chain = new NoNodeAvailableException();
		for (int i = 0; i <= CauseChain.MAX_DEPTH; i++) {
			chain = new CompletionException(chain);
		}
		Throwable mapped = ExceptionMapper.map(chain, TIMEOUT);
		assertThat(mapped).isInstanceOf(UnexpectedFailureException.class);
		assertThat(mapped.getCause()).isInstanceOf(CompletionException.class);
	}

	@Test
	void aCycleOfWrappersEnds() throws Exception {
		// The constructor without a cause leaves it settable (subclassed: it is
		// protected).
		CompletionException first = new CompletionException("first") {
		};
		ExecutionException second = new ExecutionException("second", first);
		first.initCause(second);
		// Before the bounded walk this looped forever: bound the test, not the thread.
		Throwable mapped = CompletableFuture.supplyAsync(() -> ExceptionMapper.map(first, TIMEOUT))
			.get(10, TimeUnit.SECONDS);
		assertThat(mapped).isInstanceOf(UnexpectedFailureException.class);
	}

	@Test
	void aCompletionExceptionWithoutCauseIsWrapped() {
		CompletionException bare = new CompletionException("no cause", null);
		assertThat(ExceptionMapper.map(bare, TIMEOUT)).isInstanceOf(UnexpectedFailureException.class).hasCause(bare);
	}

}
