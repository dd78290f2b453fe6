package dev.asynccassandra.internal.error;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import dev.asynccassandra.api.error.QueryTimeoutException;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.api.error.UnexpectedFailureException;
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
	void interruptionReinterruptsTheCurrentThread() {
		try {
			Throwable mapped = ExceptionMapper.map(new InterruptedException(), TIMEOUT);
			assertThat(mapped).isInstanceOf(UnexpectedFailureException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void aCompletionExceptionWithoutCauseIsWrapped() {
		CompletionException bare = new CompletionException("no cause", null);
		assertThat(ExceptionMapper.map(bare, TIMEOUT)).isInstanceOf(UnexpectedFailureException.class).hasCause(bare);
	}

}
