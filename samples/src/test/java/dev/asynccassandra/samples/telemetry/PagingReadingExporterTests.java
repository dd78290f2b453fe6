package dev.asynccassandra.samples.telemetry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Proves the export's memory bound and its stop on cancel without Cassandra: pages come
 * from a fake reader that counts every fetch.
 */
class PagingReadingExporterTests {

	private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

	private static final int ROWS_PER_PAGE = 100;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicInteger fetches = new AtomicInteger();

	private final List<LocalDate> daysRead = new ArrayList<>();

	@Test
	void fetchesPagesOnlyAsRowsAreRequested() {
		PagingReadingExporter exporter = new PagingReadingExporter(this::tenPagesPerDay, this.registry);
		RecordingSubscriber subscriber = new RecordingSubscriber();

		exporter.export("s", FROM, FROM.plusSeconds(3600)).subscribe(subscriber);
		subscriber.request(150);

		assertThat(subscriber.received).hasSize(150);
		assertThat(this.fetches.get()).as("two pages hold 150 rows, plus at most one read ahead").isBetween(2, 3);

		subscriber.request(Long.MAX_VALUE);

		assertThat(subscriber.received).hasSize(10 * ROWS_PER_PAGE);
		assertThat(subscriber.completed).isTrue();
		assertThat(this.fetches.get()).isEqualTo(10);
		assertThat(this.registry.counter(PagingReadingExporter.PAGES).count()).isEqualTo(10);
		assertThat(this.registry.counter(PagingReadingExporter.EXPORTS, "outcome", "completed").count()).isEqualTo(1);
		for (int i = 0; i < subscriber.received.size(); i++) {
			assertThat(subscriber.received.get(i).timestamp()).isEqualTo(FROM.plusMillis(i));
		}
	}

	@Test
	void cancelStopsFetching() {
		PagingReadingExporter exporter = new PagingReadingExporter(this::tenPagesPerDay, this.registry);
		RecordingSubscriber subscriber = new RecordingSubscriber();

		exporter.export("s", FROM, FROM.plusSeconds(3600)).subscribe(subscriber);
		subscriber.request(50);
		subscriber.cancel();
		subscriber.request(1000);

		assertThat(subscriber.received).hasSize(50);
		assertThat(this.fetches.get()).isLessThanOrEqualTo(2);
		assertThat(this.registry.counter(PagingReadingExporter.EXPORTS, "outcome", "cancelled").count()).isEqualTo(1);
	}

	@Test
	void readsTheDaysOfTheRangeInOrderWithAnExclusiveEnd() {
		PagingReadingExporter exporter = new PagingReadingExporter(this::tenPagesPerDay, this.registry);
		RecordingSubscriber subscriber = new RecordingSubscriber();

		exporter.export("s", Instant.parse("2026-01-01T12:00:00Z"), Instant.parse("2026-01-03T00:00:00Z"))
			.subscribe(subscriber);
		subscriber.request(Long.MAX_VALUE);

		assertThat(this.daysRead).containsExactly(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-02"));
		assertThat(subscriber.received).hasSize(2 * 10 * ROWS_PER_PAGE);
	}

	private CompletableFuture<AsyncResult> tenPagesPerDay(String sensorId, LocalDate day, Instant from, Instant to) {
		this.daysRead.add(day);
		return fetch(new FakePage(0, 10));
	}

	private CompletableFuture<AsyncResult> fetch(FakePage page) {
		this.fetches.incrementAndGet();
		return CompletableFuture.completedFuture(page);
	}

	private final class FakePage implements AsyncResult {

		private final int number;

		private final int pages;

		private final List<Row> rows = new ArrayList<>();

		FakePage(int number, int pages) {
			this.number = number;
			this.pages = pages;
			for (int i = 0; i < ROWS_PER_PAGE; i++) {
				Row row = mock(Row.class);
				given(row.getInstant("ts")).willReturn(FROM.plusMillis((long) number * ROWS_PER_PAGE + i));
				given(row.getDouble("value")).willReturn((double) i);
				this.rows.add(row);
			}
		}

		@Override
		public Iterable<Row> currentPage() {
			return this.rows;
		}

		@Override
		public int remaining() {
			return this.rows.size();
		}

		@Override
		public @Nullable Row one() {
			return this.rows.isEmpty() ? null : this.rows.get(0);
		}

		@Override
		public boolean hasMorePages() {
			return this.number + 1 < this.pages;
		}

		@Override
		public CompletableFuture<AsyncResult> fetchNextPage() {
			return fetch(new FakePage(this.number + 1, this.pages));
		}

		@Override
		public boolean wasApplied() {
			return true;
		}

		@Override
		public ExecutionInfo executionInfo() {
			throw new UnsupportedOperationException();
		}

		@Override
		public ColumnDefinitions columnDefinitions() {
			throw new UnsupportedOperationException();
		}

	}

	private static final class RecordingSubscriber extends BaseSubscriber<Reading> {

		private final List<Reading> received = new ArrayList<>();

		private boolean completed;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
		}

		@Override
		protected void hookOnNext(Reading reading) {
			this.received.add(reading);
		}

		@Override
		protected void hookOnComplete() {
			this.completed = true;
		}

	}

}
