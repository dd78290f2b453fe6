package dev.asynccassandra.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.internal.event.QueryEventPublisher;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mocked driver session whose requests stay pending until the test completes them,
 * optionally on a thread named like a driver I/O thread.
 */
final class MockDriver implements AutoCloseable {

	final CqlSession cqlSession = Mockito.mock(CqlSession.class, Mockito.RETURNS_DEEP_STUBS);

	final BlockingQueue<CompletableFuture<AsyncResultSet>> executions = new LinkedBlockingQueue<>();

	final BlockingQueue<CompletableFuture<PreparedStatement>> preparations = new LinkedBlockingQueue<>();

	final AtomicInteger closeCalls = new AtomicInteger();

	final AtomicInteger forceCloseCalls = new AtomicInteger();

	final ExecutorService ioThread = Executors.newSingleThreadExecutor((task) -> new Thread(task, "s0-io-0"));

	final AsyncResultSet emptyResultSet = emptyResultSet();

	private volatile boolean autoComplete;

	MockDriver() {
		Mockito.when(this.cqlSession.executeAsync(ArgumentMatchers.<Statement<?>>any())).thenAnswer((invocation) -> {
			CompletableFuture<AsyncResultSet> future = new CompletableFuture<>();
			if (this.autoComplete) {
				this.ioThread.execute(() -> future.complete(this.emptyResultSet));
			}
			else {
				this.executions.add(future);
			}
			return future;
		});
		Mockito.when(this.cqlSession.prepareAsync(ArgumentMatchers.any(SimpleStatement.class)))
			.thenAnswer((invocation) -> {
				CompletableFuture<PreparedStatement> future = new CompletableFuture<>();
				if (this.autoComplete) {
					this.ioThread.execute(() -> future.complete(Mockito.mock(PreparedStatement.class)));
				}
				else {
					this.preparations.add(future);
				}
				return future;
			});
		Mockito.when(this.cqlSession.closeAsync()).thenAnswer((invocation) -> {
			this.closeCalls.incrementAndGet();
			return CompletableFuture.completedFuture(null);
		});
		Mockito.when(this.cqlSession.forceCloseAsync()).thenAnswer((invocation) -> {
			this.forceCloseCalls.incrementAndGet();
			return CompletableFuture.completedFuture(null);
		});
	}

	/** Completes every request at once, on the fake I/O thread. */
	MockDriver autoComplete() {
		this.autoComplete = true;
		return this;
	}

	static AsyncResultSet emptyResultSet() {
		AsyncResultSet resultSet = Mockito.mock(AsyncResultSet.class);
		Mockito.when(resultSet.remaining()).thenReturn(0);
		Mockito.when(resultSet.wasApplied()).thenReturn(true);
		return resultSet;
	}

	CompletableFuture<AsyncResultSet> nextExecution() throws InterruptedException {
		CompletableFuture<AsyncResultSet> future = this.executions.poll(5, TimeUnit.SECONDS);
		assertThat(future).as("driver request").isNotNull();
		return future;
	}

	/** Completes a driver future on the fake I/O thread. */
	<T> void completeOnIoThread(CompletableFuture<T> future, T value) {
		this.ioThread.execute(() -> future.complete(value));
	}

	<T> void failOnIoThread(CompletableFuture<T> future, Throwable failure) {
		this.ioThread.execute(() -> future.completeExceptionally(failure));
	}

	DefaultAsyncSession session(SessionSettings settings) {
		return session(settings, QueryEventPublisher.noop());
	}

	DefaultAsyncSession session(SessionSettings settings, QueryEventPublisher publisher) {
		return new DefaultAsyncSession(this.cqlSession, settings, publisher, List.of());
	}

	static SessionSettings settings() {
		return new SessionSettings(null, Duration.ofSeconds(30), Duration.ofSeconds(30), true);
	}

	int driverCloseCalls() {
		return this.closeCalls.get() + this.forceCloseCalls.get();
	}

	@Override
	public void close() {
		this.ioThread.shutdownNow();
	}

}
