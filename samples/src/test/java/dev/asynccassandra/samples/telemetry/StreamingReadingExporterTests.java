package dev.asynccassandra.samples.telemetry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamProgress;
import dev.asynccassandra.api.stream.StreamProgressListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves without Cassandra that the export passes the client's demand to the row streams
 * unchanged, streams one day at a time and cancels the row stream when the client goes
 * away: each day is a fake {@link RowPublisher} that records the demand it receives.
 */
class StreamingReadingExporterTests {

	private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

	private static final int ROWS_PER_PAGE = 100;

	private static final int PAGES_PER_DAY = 10;

	private static final int PAGE_SIZE = 500;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<FakeDayPublisher> days = new ArrayList<>();

	private final StreamingReadingExporter exporter = new StreamingReadingExporter(this::streamDay, PAGE_SIZE,
			this.registry);

	@Test
	void requestsRowsOnlyAsTheClientReadsThem() {
		RecordingSubscriber subscriber = new RecordingSubscriber();

		this.exporter.export("s", FROM, FROM.plusSeconds(3600)).subscribe(subscriber);
		subscriber.request(150);

		assertThat(subscriber.received).hasSize(150);
		assertThat(this.days).hasSize(1);
		assertThat(this.days.get(0).requested).as("demand reaches the row stream unchanged").isEqualTo(150);
		assertThat(pagesCounted()).as("one page delivered in full").isEqualTo(1);

		subscriber.request(Long.MAX_VALUE);

		assertThat(subscriber.received).hasSize(PAGES_PER_DAY * ROWS_PER_PAGE);
		assertThat(subscriber.completed).isTrue();
		assertThat(pagesCounted()).isEqualTo(PAGES_PER_DAY);
		assertThat(this.registry.counter(StreamingReadingExporter.EXPORTS, "outcome", "completed").count())
			.isEqualTo(1);
		for (int i = 0; i < subscriber.received.size(); i++) {
			assertThat(subscriber.received.get(i).timestamp()).isEqualTo(FROM.plusMillis(i));
		}
	}

	@Test
	void cancelCancelsTheRowStreamAndStreamsNoFurtherDay() {
		RecordingSubscriber subscriber = new RecordingSubscriber();

		this.exporter.export("s", FROM, FROM.plusSeconds(3 * 86_400)).subscribe(subscriber);
		subscriber.request(50);
		subscriber.cancel();
		subscriber.request(1000);

		assertThat(subscriber.received).hasSize(50);
		assertThat(this.days).hasSize(1);
		assertThat(this.days.get(0).cancelled).isTrue();
		assertThat(this.days.get(0).requested).isEqualTo(50);
		assertThat(this.registry.counter(StreamingReadingExporter.EXPORTS, "outcome", "cancelled").count())
			.isEqualTo(1);
	}

	@Test
	void streamsTheDaysOfTheRangeInOrderWithAnExclusiveEndAndBoundedOptions() {
		RecordingSubscriber subscriber = new RecordingSubscriber();

		this.exporter.export("s", Instant.parse("2026-01-01T12:00:00Z"), Instant.parse("2026-01-03T00:00:00Z"))
			.subscribe(subscriber);
		subscriber.request(ROWS_PER_PAGE);

		assertThat(this.days).as("the second day starts only once the first one is done").hasSize(1);

		subscriber.request(Long.MAX_VALUE);

		assertThat(this.days).extracting((day) -> day.day)
			.containsExactly(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-02"));
		assertThat(subscriber.received).hasSize(2 * PAGES_PER_DAY * ROWS_PER_PAGE);
		assertThat(subscriber.completed).isTrue();
		StreamOptions options = this.days.get(0).options;
		assertThat(options.pageSize()).isEqualTo(PAGE_SIZE);
		assertThat(options.prefetchPages()).isEqualTo(StreamingReadingExporter.PREFETCH_PAGES);
		assertThat(options.progressListener()).isNotNull();
	}

	private double pagesCounted() {
		return this.registry.counter(StreamingReadingExporter.PAGES).count();
	}

	private RowPublisher<Reading> streamDay(String sensorId, LocalDate day, Instant from, Instant to,
			StreamOptions options) {
		FakeDayPublisher publisher = new FakeDayPublisher(sensorId, day, options);
		this.days.add(publisher);
		return publisher;
	}

	/**
	 * A day of {@value #PAGES_PER_DAY} pages that emits rows synchronously on demand and
	 * reports each page delivered in full to the progress listener.
	 */
	private static final class FakeDayPublisher implements RowPublisher<Reading> {

		private final String sensorId;

		private final LocalDate day;

		private final StreamOptions options;

		private long requested;

		private long demand;

		private int emitted;

		private boolean cancelled;

		private boolean done;

		private boolean draining;

		private Flow.@Nullable Subscriber<? super Reading> subscriber;

		FakeDayPublisher(String sensorId, LocalDate day, StreamOptions options) {
			this.sensorId = sensorId;
			this.day = day;
			this.options = options;
		}

		@Override
		public void subscribe(Flow.Subscriber<? super Reading> subscriber) {
			this.subscriber = subscriber;
			subscriber.onSubscribe(new Flow.Subscription() {

				@Override
				public void request(long n) {
					FakeDayPublisher.this.requested = saturatedAdd(FakeDayPublisher.this.requested, n);
					FakeDayPublisher.this.demand = saturatedAdd(FakeDayPublisher.this.demand, n);
					drain();
				}

				@Override
				public void cancel() {
					FakeDayPublisher.this.cancelled = true;
				}

			});
		}

		private void drain() {
			Flow.Subscriber<? super Reading> target = this.subscriber;
			if (this.draining || this.done || target == null) {
				return;
			}
			this.draining = true;
			int total = PAGES_PER_DAY * ROWS_PER_PAGE;
			while (!this.cancelled && this.demand > 0 && this.emitted < total) {
				this.demand--;
				Instant timestamp = this.day.atStartOfDay().toInstant(ZoneOffset.UTC).plusMillis(this.emitted);
				target.onNext(new Reading(this.sensorId, timestamp, this.emitted));
				this.emitted++;
				StreamProgressListener listener = this.options.progressListener();
				if (this.emitted % ROWS_PER_PAGE == 0 && listener != null) {
					listener.onPage(
							new StreamProgress(this.emitted / ROWS_PER_PAGE, ROWS_PER_PAGE, this.emitted, null, null));
				}
			}
			if (!this.cancelled && this.emitted == total) {
				this.done = true;
				target.onComplete();
			}
			this.draining = false;
		}

		@Override
		public void cancel() {
			this.cancelled = true;
		}

		@Override
		public long pagesDelivered() {
			return this.emitted / ROWS_PER_PAGE;
		}

		private static long saturatedAdd(long a, long b) {
			long sum = a + b;
			return (sum < 0) ? Long.MAX_VALUE : sum;
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
