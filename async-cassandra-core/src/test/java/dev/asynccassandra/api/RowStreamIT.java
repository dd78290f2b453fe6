package dev.asynccassandra.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamConsumers;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamProgress;
import dev.asynccassandra.api.stream.StreamSummary;
import dev.asynccassandra.embedded.api.junit.EmbeddedCassandraTest;
import dev.asynccassandra.testing.CountingCqlSession;
import dev.asynccassandra.testing.TestSubscriber;
import dev.asynccassandra.testing.ThreadNames;
import org.assertj.core.groups.Tuple;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reactivestreams.FlowAdapters;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row streams against a real Cassandra node: every row exactly once across pages,
 * cancellation, resume, the prefetch bound under a slow subscriber, progress callbacks
 * and Reactor interop.
 */
@EmbeddedCassandraTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowStreamIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int ROWS = 2_500;

	private static final int PAGE_SIZE = 100;

	private static final String SELECT = "SELECT k, v FROM rows";

	private CqlSession cqlSession;

	private CountingCqlSession counting;

	private final List<QueryEvent> events = new CopyOnWriteArrayList<>();

	private AsyncSession session;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	@BeforeAll
	void loadRows(CqlSession cqlSession) throws Exception {
		this.cqlSession = cqlSession;
		cqlSession.execute("CREATE TABLE IF NOT EXISTS rows (k int PRIMARY KEY, v text)");
		cqlSession.checkSchemaAgreement();
		PreparedStatement insert = cqlSession.prepare("INSERT INTO rows (k, v) VALUES (?, ?)");
		Semaphore window = new Semaphore(64);
		List<CompletableFuture<?>> writes = new ArrayList<>();
		for (int k = 0; k < ROWS; k++) {
			assertThat(window.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
			writes.add(cqlSession.executeAsync(insert.bind(k, "v" + k))
				.toCompletableFuture()
				.whenComplete((result, error) -> window.release()));
		}
		CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
	}

	@AfterAll
	void stopTimer() {
		this.timer.shutdownNow();
	}

	@BeforeEach
	void openSession() {
		this.counting = new CountingCqlSession(this.cqlSession);
		this.events.clear();
		this.session = AsyncSession.builder()
			.withCqlSession(this.counting.session)
			.withCloseCqlSession(false)
			.addListener(this.events::add)
			.build();
	}

	@AfterEach
	void closeSession() throws Exception {
		this.session.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	private static StreamOptions.Builder pages() {
		return StreamOptions.builder().pageSize(PAGE_SIZE);
	}

	@Test
	void multiPageStreamYieldsEveryRowExactlyOnceOffTheDriverThreads() throws Exception {
		TestSubscriber<Integer> subscriber = new TestSubscriber<>(Long.MAX_VALUE);
		this.session.stream(pages().build(), SimpleStatement.newInstance(SELECT), (row) -> row.getInt("k"))
			.subscribe(subscriber);
		assertThat(subscriber.awaitTermination(WAIT)).isNull();
		assertThat(subscriber.items).hasSize(ROWS).doesNotHaveDuplicates();
		assertThat(new HashSet<>(subscriber.items)).isEqualTo(allKeys());
		assertThat(subscriber.signalThreads).noneMatch(ThreadNames::isDriverThread);
		// A full page at the end of a scan may be followed by an empty last page.
		int pageRequests = this.counting.executions.get();
		assertThat(pageRequests).isBetween(ROWS / PAGE_SIZE, ROWS / PAGE_SIZE + 1);
		assertThat(this.session.inFlightCount()).isZero();
		assertThat(this.session.statistics().openStreams()).isZero();
		Awaitility.await().atMost(WAIT).until(() -> this.events.size() == pageRequests);
		assertThat(this.events).first()
			.extracting(QueryEvent::operation, QueryEvent::outcome, QueryEvent::rows)
			.containsExactly(OperationKind.STREAM, Outcome.SUCCESS, PAGE_SIZE);
		List<QueryEvent> nextPages = this.events.subList(1, this.events.size());
		assertThat(nextPages).extracting(QueryEvent::operation, QueryEvent::outcome)
			.containsOnly(Tuple.tuple(OperationKind.PAGE, Outcome.SUCCESS));
		assertThat(this.events.stream().mapToInt(QueryEvent::rows).sum()).isEqualTo(ROWS);
	}

	@Test
	void cancellingMidPageRequestsNoFurtherPageAndReleasesEverything() throws Exception {
		StreamOptions options = pages().prefetchPages(1).build();
		TestSubscriber<Row> subscriber = new TestSubscriber<Row>(Long.MAX_VALUE).onEach((self, row) -> {
			if (self.items.size() == PAGE_SIZE + PAGE_SIZE / 2) {
				self.cancel();
			}
		});
		RowPublisher<Row> publisher = this.session.stream(options, SELECT);
		publisher.subscribe(subscriber);
		Awaitility.await().atMost(WAIT).until(() -> this.session.inFlightCount() == 0);
		assertThat(subscriber.items).hasSize(PAGE_SIZE + PAGE_SIZE / 2);
		assertThat(subscriber.done).isNotDone();
		assertThat(this.session.statistics().openStreams()).isZero();
		// Prefetch 1: the page being delivered is the only one; none after it.
		assertThat(this.counting.executions).hasValue(2);
		assertThat(publisher.pagesDelivered()).isEqualTo(1);
		Awaitility.await().atMost(WAIT).until(() -> this.events.size() == 2);
		assertThat(this.events).extracting(QueryEvent::operation, QueryEvent::outcome, QueryEvent::rows)
			.containsExactly(Tuple.tuple(OperationKind.STREAM, Outcome.SUCCESS, PAGE_SIZE),
					Tuple.tuple(OperationKind.PAGE, Outcome.SUCCESS, PAGE_SIZE));
	}

	@Test
	void resumingFromASavedPagingStateYieldsTheRestExactlyOnce() throws Exception {
		AtomicReference<StreamProgress> saved = new AtomicReference<>();
		StreamOptions first = pages().progressListener(saved::set).build();
		int stopAt = 7 * PAGE_SIZE + 42;
		TestSubscriber<Integer> stopped = new TestSubscriber<Integer>(Long.MAX_VALUE).onEach((self, key) -> {
			if (self.items.size() == stopAt) {
				self.cancel();
			}
		});
		this.session.stream(first, SimpleStatement.newInstance(SELECT), (row) -> row.getInt("k")).subscribe(stopped);
		Awaitility.await().atMost(WAIT).until(() -> this.session.inFlightCount() == 0);
		StreamProgress progress = saved.get();
		assertThat(progress.pageNumber()).isEqualTo(7);
		assertThat(progress.rowsSoFar()).isEqualTo(7 * PAGE_SIZE);
		// An export commits per page: the rows after the last progress event are redone.
		List<Integer> committed = stopped.items.subList(0, (int) progress.rowsSoFar());
		ByteBuffer pagingState = progress.pagingState();
		StreamOptions resumed = pages().startingPagingState(pagingState).build();
		TestSubscriber<Integer> rest = new TestSubscriber<>(Long.MAX_VALUE);
		this.session.stream(resumed, SimpleStatement.newInstance(SELECT), (row) -> row.getInt("k")).subscribe(rest);
		assertThat(rest.awaitTermination(WAIT)).isNull();
		List<Integer> together = new ArrayList<>(committed);
		together.addAll(rest.items);
		assertThat(together).hasSize(ROWS).doesNotHaveDuplicates();
		assertThat(new HashSet<>(together)).isEqualTo(allKeys());
	}

	@Test
	void slowSubscriberNeverCausesMoreThanThePrefetchBoundOfPages() throws Exception {
		int prefetch = 2;
		int pageSize = 25;
		AtomicInteger pagesDelivered = new AtomicInteger();
		AtomicInteger mostHeld = new AtomicInteger();
		StreamOptions options = StreamOptions.builder()
			.pageSize(pageSize)
			.prefetchPages(prefetch)
			.maxRows(10 * pageSize)
			.progressListener((progress) -> pagesDelivered.incrementAndGet())
			.build();
		TestSubscriber<Row> subscriber = new TestSubscriber<Row>(1).onEach((self, row) -> {
			// Pages requested and not yet delivered in full: the one being delivered
			// included.
			mostHeld.accumulateAndGet(this.counting.executions.get() - pagesDelivered.get(), Math::max);
			this.timer.schedule(() -> self.request(1), 1, TimeUnit.MILLISECONDS);
		});
		this.session.stream(options, SELECT).subscribe(subscriber);
		assertThat(subscriber.awaitTermination(WAIT)).isNull();
		assertThat(subscriber.items).hasSize(10 * pageSize);
		assertThat(mostHeld.get()).isBetween(1, prefetch);
		assertThat(this.counting.executions.get()).isEqualTo(10);
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void aSessionCompletingDirectlyStreamsEveryRowOnTheDriversThreads() throws Exception {
		AsyncSession direct = AsyncSession.builder()
			.withCqlSession(this.cqlSession)
			.withCloseCqlSession(false)
			.withExecutor(CompletionExecutors.direct())
			.build();
		try {
			TestSubscriber<Integer> subscriber = new TestSubscriber<>(Long.MAX_VALUE);
			direct.stream(pages().build(), SimpleStatement.newInstance(SELECT), (row) -> row.getInt("k"))
				.subscribe(subscriber);
			assertThat(subscriber.awaitTermination(WAIT)).isNull();
			assertThat(subscriber.items).hasSize(ROWS).doesNotHaveDuplicates();
			// onSubscribe runs on the subscribing thread; every row and the completion on
			// the driver's.
			List<String> afterSubscribe = subscriber.signalThreads.subList(1, subscriber.signalThreads.size());
			assertThat(afterSubscribe).hasSize(ROWS + 1).allMatch(ThreadNames::isDriverThread);
			// Demand signalled from inside onNext, on the driver's thread, a little at a
			// time.
			List<Integer> keys = Flux
				.from(FlowAdapters.toPublisher(
						direct.stream(pages().build(), SimpleStatement.newInstance(SELECT), (row) -> row.getInt("k"))))
				.limitRate(7)
				.collectList()
				.block(WAIT);
			assertThat(keys).hasSize(ROWS).doesNotHaveDuplicates();
			Awaitility.await().atMost(WAIT).until(() -> direct.inFlightCount() == 0);
			assertThat(direct.statistics().openStreams()).isZero();
		}
		finally {
			direct.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void throwingProgressCallbackDoesNotBreakTheStream() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		StreamOptions options = pages().progressListener((progress) -> {
			calls.incrementAndGet();
			throw new IllegalStateException("broken progress callback");
		}).build();
		StreamSummary summary = StreamConsumers.forEach(this.session.stream(options, SELECT), (row) -> {
		}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(summary.rows()).isEqualTo(ROWS);
		assertThat(calls).hasValue(this.counting.executions.get());
		assertThat(summary.pages()).isEqualTo(this.counting.executions.get());
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void reactorConsumesTheStreamThroughTheFlowAdapters() throws Exception {
		List<Integer> keys = Flux.from(FlowAdapters.toPublisher(
				this.session.stream(pages().build(), SimpleStatement.newInstance(SELECT), (row) -> row.getInt("k"))))
			.limitRate(64)
			.collectList()
			.block(WAIT);
		assertThat(keys).hasSize(ROWS).doesNotHaveDuplicates();
		List<Row> firstRows = Flux.from(FlowAdapters.toPublisher(this.session.stream(pages().build(), SELECT)))
			.take(10)
			.collectList()
			.block(WAIT);
		assertThat(firstRows).hasSize(10);
		Awaitility.await().atMost(WAIT).until(() -> this.session.inFlightCount() == 0);
		assertThat(this.session.statistics().openStreams()).isZero();
	}

	private static Set<Integer> allKeys() {
		Set<Integer> keys = new HashSet<>();
		IntStream.range(0, ROWS).forEach(keys::add);
		return keys;
	}

}
