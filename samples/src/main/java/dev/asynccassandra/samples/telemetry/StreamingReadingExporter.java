package dev.asynccassandra.samples.telemetry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A {@link ReadingExporter} over {@link AsyncSession#stream}: the day partitions of the
 * range are streamed one after the other, each as a {@link RowPublisher} adapted to
 * Reactor with {@link JdkFlowAdapter#flowPublisherToFlux}. The row stream fetches pages
 * only on downstream demand and holds at most {@value #PREFETCH_PAGES} pages at once (the
 * page being delivered and the one being fetched), so memory stays bounded for any range.
 * A cancelled subscription (the client disconnected) cancels the row stream, which
 * cancels its pending page request and fetches nothing more.
 * <p>
 * Meters: {@value #PAGES} counts the pages delivered in full to the response (from the
 * stream's progress events; a stream has fetched at most {@value #PREFETCH_PAGES} pages
 * beyond those), {@value #EXPORTS} counts exports by {@code outcome} ({@code completed},
 * {@code cancelled}, {@code failed}).
 */
@Component
public class StreamingReadingExporter implements ReadingExporter {

	/** Counter of pages delivered by exports. */
	public static final String PAGES = "telemetry.export.pages";

	/** Counter of finished exports, tagged by outcome. */
	public static final String EXPORTS = "telemetry.exports";

	/** Most pages each day stream holds at once. */
	static final int PREFETCH_PAGES = 2;

	private final DayStreamer streamer;

	private final StreamOptions options;

	private final MeterRegistry registry;

	/**
	 * Creates the exporter.
	 * @param repository the repository that streams one day partition
	 * @param properties the service's settings, for the export page size
	 * @param registry the registry of the export meters
	 */
	@Autowired
	public StreamingReadingExporter(TelemetryRepository repository, TelemetryProperties properties,
			MeterRegistry registry) {
		this(repository::streamDay, properties.exportPageSize(), registry);
	}

	StreamingReadingExporter(DayStreamer streamer, int pageSize, MeterRegistry registry) {
		this.streamer = streamer;
		this.registry = registry;
		Counter pages = Counter.builder(PAGES).description("Pages of readings delivered by exports").register(registry);
		this.options = StreamOptions.builder()
			.pageSize(pageSize)
			.prefetchPages(PREFETCH_PAGES)
			.progressListener((progress) -> pages.increment())
			.build();
	}

	@Override
	public Flux<Reading> export(String sensorId, Instant from, Instant to) {
		return Flux.fromIterable(days(from, to))
			.concatMap((day) -> JdkFlowAdapter
				.flowPublisherToFlux(this.streamer.streamDay(sensorId, day, from, to, this.options)), 1)
			.doFinally(this::countExport);
	}

	private static List<LocalDate> days(Instant from, Instant to) {
		List<LocalDate> days = new ArrayList<>();
		LocalDate last = TelemetryRepository.dayOf(to.minusMillis(1));
		for (LocalDate day = TelemetryRepository.dayOf(from); !day.isAfter(last); day = day.plusDays(1)) {
			days.add(day);
		}
		return days;
	}

	private void countExport(SignalType signal) {
		String outcome = switch (signal) {
			case ON_COMPLETE -> "completed";
			case CANCEL -> "cancelled";
			default -> "failed";
		};
		this.registry.counter(EXPORTS, "outcome", outcome).increment();
	}

	/**
	 * Streams the readings of one day partition: {@link TelemetryRepository#streamDay},
	 * or a fake in tests.
	 */
	@FunctionalInterface
	interface DayStreamer {

		RowPublisher<Reading> streamDay(String sensorId, LocalDate day, Instant from, Instant to,
				StreamOptions options);

	}

}
