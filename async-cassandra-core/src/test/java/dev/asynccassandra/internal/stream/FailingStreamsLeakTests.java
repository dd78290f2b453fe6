package dev.asynccassandra.internal.stream;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.testing.TestSubscriber;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 2 through the session: thousands of streams failing at their first or second
 * page leave no slot, no open stream and nothing reachable (the streams, their
 * subscribers and their pages).
 */
class FailingStreamsLeakTests {

	private static final int STREAMS = 10_000;

	private static final String FAILS_AT_FIRST_PAGE = "SELECT k FROM first";

	private static final String FAILS_AT_SECOND_PAGE = "SELECT k FROM second";

	private final ExecutorService ioThread = Executors.newSingleThreadExecutor((task) -> new Thread(task, "s0-io-0"));

	/** Weak references to every page the fake driver returned. */
	private final List<WeakReference<AsyncResultSet>> pages = new ArrayList<>();

	@AfterEach
	void stopIoThread() {
		this.ioThread.shutdownNow();
	}

	@Test
	void tenThousandStreamsFailingAtTheirFirstOrSecondPageLeaveNothingBehind() throws Exception {
		AsyncSession session = AsyncSession.builder()
			.withCqlSession(failingDriver())
			.withCloseCqlSession(false)
			.withDefaultTimeout(Duration.ofSeconds(120))
			.build();
		Semaphore window = new Semaphore(256);
		CountDownLatch done = new CountDownLatch(STREAMS);
		Map<Class<?>, AtomicInteger> errors = new ConcurrentHashMap<>();
		List<WeakReference<Object>> streams = new ArrayList<>(STREAMS * 2);
		for (int i = 0; i < STREAMS; i++) {
			assertThat(window.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
			RowPublisher<Row> publisher = session.stream((i % 2 == 0) ? FAILS_AT_FIRST_PAGE : FAILS_AT_SECOND_PAGE);
			// One row requested: the second page is fetched while the first is buffered.
			TestSubscriber<Row> subscriber = new TestSubscriber<>(1);
			streams.add(new WeakReference<>(publisher));
			streams.add(new WeakReference<>(subscriber));
			subscriber.done.whenComplete((ignored, error) -> {
				Class<?> type = (error != null) ? error.getClass() : Void.class;
				errors.computeIfAbsent(type, (key) -> new AtomicInteger()).incrementAndGet();
				window.release();
				done.countDown();
			});
			publisher.subscribe(subscriber);
		}
		assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(errors).containsOnlyKeys(NoNodeAvailableException.class);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.inFlightCount() == 0);
		List<WeakReference<?>> everything = new ArrayList<>(streams);
		synchronized (this.pages) {
			assertThat(this.pages).hasSize(STREAMS / 2);
			everything.addAll(this.pages);
		}
		GarbageCollection.awaitCollected(everything);
		assertThat(session.statistics().openStreams()).isZero();
		assertThat(session.inFlightCount()).isZero();
		session.closeAsync().get(10, TimeUnit.SECONDS);
	}

	/**
	 * A driver session that records nothing (stub-only mock) and answers on its fake I/O
	 * thread: the first query fails at once, the second returns a first page of ten rows
	 * and then fails.
	 */
	private CqlSession failingDriver() {
		CqlSession cqlSession = Mockito.mock(CqlSession.class,
				Mockito.withSettings().stubOnly().defaultAnswer(Mockito.RETURNS_DEEP_STUBS));
		Mockito.when(cqlSession.executeAsync(ArgumentMatchers.<Statement<?>>any())).thenAnswer((invocation) -> {
			Statement<?> statement = invocation.getArgument(0);
			String query = ((SimpleStatement) statement).getQuery();
			CompletableFuture<AsyncResultSet> future = new CompletableFuture<>();
			if (query.equals(FAILS_AT_FIRST_PAGE) || statement.getPagingState() != null) {
				this.ioThread.execute(() -> future.completeExceptionally(new NoNodeAvailableException()));
			}
			else {
				AsyncResultSet page = firstPage();
				this.ioThread.execute(() -> future.complete(page));
			}
			return future;
		});
		return cqlSession;
	}

	private AsyncResultSet firstPage() {
		List<Row> rows = LongStream.range(0, 10).mapToObj(FakeRows::row).toList();
		FakeResultSet page = new FakeResultSet(rows, ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
		synchronized (this.pages) {
			this.pages.add(new WeakReference<>(page));
		}
		return page;
	}

}
