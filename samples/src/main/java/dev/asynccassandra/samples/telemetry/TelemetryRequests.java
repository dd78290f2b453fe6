package dev.asynccassandra.samples.telemetry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * JSON request bodies of the telemetry API. Fields are nullable here: a missing field is
 * reported by {@link TelemetryValidation} with a clear message rather than a decoding
 * error.
 */
public final class TelemetryRequests {

	private TelemetryRequests() {
	}

	/**
	 * Body of {@code PUT /sensors/{id}}.
	 *
	 * @param name a human-readable name, required
	 * @param unit the unit of its readings, optional
	 */
	public record SensorRegistration(@Nullable String name, @Nullable String unit) {

	}

	/**
	 * Body of {@code POST /sensors/{id}/readings}.
	 *
	 * @param timestamp when it was measured, required
	 * @param value the finite measured value, required
	 */
	public record ReadingInput(@Nullable Instant timestamp, @Nullable Double value) {

	}

	/**
	 * One reading of a {@code POST /readings} batch.
	 *
	 * @param sensorId the sensor, required and registered
	 * @param timestamp when it was measured, required
	 * @param value the finite measured value, required
	 */
	public record BatchReadingInput(@Nullable String sensorId, @Nullable Instant timestamp, @Nullable Double value) {

	}

	/**
	 * Body of {@code POST /readings}.
	 *
	 * @param readings 1 to {@code telemetry.max-batch-size} readings of any sensors
	 */
	public record ReadingBatch(@Nullable List<@Nullable BatchReadingInput> readings) {

	}

	/**
	 * Answer of a write.
	 *
	 * @param written the number of readings written
	 */
	public record WriteResult(int written) {

	}

}
