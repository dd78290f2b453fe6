package dev.asynccassandra.samples.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.asynccassandra.samples.telemetry.TelemetryRequests.BatchReadingInput;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.ReadingBatch;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.ReadingInput;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.SensorRegistration;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TelemetryValidationTests {

	private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

	private final TelemetryValidation validation = new TelemetryValidation(3, Duration.ofDays(31));

	@Test
	void acceptsValidInput() {
		assertThat(this.validation.sensor("s-1.a_B", new SensorRegistration("Kitchen", null)))
			.isEqualTo(new Sensor("s-1.a_B", "Kitchen", ""));
		assertThat(this.validation.reading("s1", new ReadingInput(T, 1.5))).isEqualTo(new Reading("s1", T, 1.5));
		assertThat(this.validation.range("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
			.isEqualTo(new TelemetryValidation.TimeRange(T, Instant.parse("2026-02-01T00:00:00Z")));
		assertThat(this.validation.batch(new ReadingBatch(List.of(new BatchReadingInput("a", T, 1.0)))))
			.containsExactly(new Reading("a", T, 1.0));
	}

	@Test
	void rejectsBadSensorIds() {
		assertBadRequest(() -> this.validation.sensorId("has space"), "sensorId");
		assertBadRequest(() -> this.validation.sensorId("x".repeat(65)), "sensorId");
		assertBadRequest(() -> this.validation.sensorId("quote\""), "sensorId");
		assertBadRequest(() -> this.validation.sensor("s", new SensorRegistration(" ", "C")), "name is required");
	}

	@Test
	void rejectsMissingAndNonFiniteValues() {
		assertBadRequest(() -> this.validation.reading("s", new ReadingInput(null, 1.0)), "timestamp is required");
		assertBadRequest(() -> this.validation.reading("s", new ReadingInput(T, null)), "value is required");
		assertBadRequest(() -> this.validation.reading("s", new ReadingInput(T, Double.NaN)), "finite");
		assertBadRequest(() -> this.validation.reading("s", new ReadingInput(T, Double.POSITIVE_INFINITY)), "finite");
		assertBadRequest(
				() -> this.validation.reading("s", new ReadingInput(Instant.parse("1969-12-31T23:59:59Z"), 1.0)),
				"between");
	}

	@Test
	void rejectsReversedEmptyHugeAndMalformedRanges() {
		assertBadRequest(() -> this.validation.range("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"), "before");
		assertBadRequest(() -> this.validation.range("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), "before");
		assertBadRequest(() -> this.validation.range("2026-01-01T00:00:00Z", "2026-02-01T00:00:00.001Z"), "31 days");
		assertBadRequest(() -> this.validation.range(null, "2026-01-01T00:00:00Z"), "from is required");
		assertBadRequest(() -> this.validation.range("2026-01-01T00:00:00Z", "tomorrow"), "to must be an ISO-8601");
	}

	@Test
	void rejectsEmptyOversizedAndInvalidBatches() {
		assertBadRequest(() -> this.validation.batch(new ReadingBatch(null)), "1 to 3");
		assertBadRequest(() -> this.validation.batch(new ReadingBatch(List.of())), "1 to 3");
		List<BatchReadingInput> four = Collections.nCopies(4, new BatchReadingInput("a", T, 1.0));
		assertBadRequest(() -> this.validation.batch(new ReadingBatch(four)), "at most 3");
		List<BatchReadingInput> withNull = new ArrayList<>();
		withNull.add(new BatchReadingInput("a", T, 1.0));
		withNull.add(null);
		assertBadRequest(() -> this.validation.batch(new ReadingBatch(withNull)), "readings[1] must be an object");
		assertBadRequest(
				() -> this.validation.batch(new ReadingBatch(List.of(new BatchReadingInput("a", T, Double.NaN)))),
				"readings[0].value must be a finite number");
	}

	private static void assertBadRequest(Runnable action, String message) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(action::run)
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

}
