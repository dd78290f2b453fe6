package dev.asynccassandra.samples.telemetry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A {@link ReadingExporter} over {@code AsyncSession.execute} and
 * {@link AsyncResult#fetchNextPage()}: the day partitions of the range are read one after
 * the other, and the next page of a partition is fetched only when the rows of the
 * current page have been requested downstream (at most one page is read ahead). A
 * cancelled subscription fetches no further page.
 * <p>
 * Meters: {@value #PAGES} counts the pages fetched, {@value #EXPORTS} counts exports by
 * {@code outcome} ({@code completed}, {@code cancelled}, {@code failed}).
 */
@Component
public class PagingReadingExporter implements ReadingExporter {

	/** Counter of pages fetched by exports. */
	public static final String PAGES = "telemetry.export.pages";

	/** Counter of finished exports, tagged by outcome. */
	public static final String EXPORTS = "telemetry.exports";

	private final DayReader reader;

	private final Counter pages;

	private final MeterRegistry registry;

	/**
	 * Creates the exporter.
	 * @param repository the repository that reads one day partition
	 * @param registry the registry of the export meters
	 */
	@Autowired
	public PagingReadingExporter(TelemetryRepository repository, MeterRegistry registry) {
		this(repository::readDay, registry);
	}

	PagingReadingExporter(DayReader reader, MeterRegistry registry) {
		this.reader = reader;
		this.registry = registry;
		this.pages = Counter.builder(PAGES).description("Pages fetched by reading exports").register(registry);
	}

	@Override
	public Flux<Reading> export(String sensorId, Instant from, Instant to) {
		return Flux.fromIterable(days(from, to))
			.concatMap((day) -> pages(sensorId, day, from, to), 1)
			.flatMapIterable((page) -> rows(sensorId, page), 1)
			.doFinally(this::countExport);
	}

	private Flux<AsyncResult> pages(String sensorId, LocalDate day, Instant from, Instant to) {
		return fetch(() -> this.reader.readDay(sensorId, day, from, to))
			.expand((page) -> page.hasMorePages() ? fetch(page::fetchNextPage) : Mono.empty());
	}

	private Mono<AsyncResult> fetch(Supplier<CompletableFuture<AsyncResult>> page) {
		return Mono.fromFuture(page, true).doOnNext((result) -> this.pages.increment());
	}

	private static List<Reading> rows(String sensorId, AsyncResult page) {
		List<Reading> readings = new ArrayList<>(page.remaining());
		for (Row row : page.currentPage()) {
			readings.add(TelemetryRepository.toReading(sensorId, row));
		}
		return readings;
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
	 * Starts the read of one day partition: {@link TelemetryRepository#readDay}, or a
	 * fake in tests.
	 */
	@FunctionalInterface
	interface DayReader {

		CompletableFuture<AsyncResult> readDay(String sensorId, LocalDate day, Instant from, Instant to);

	}

}
