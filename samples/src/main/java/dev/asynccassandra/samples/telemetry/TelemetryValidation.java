package dev.asynccassandra.samples.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.asynccassandra.samples.telemetry.TelemetryRequests.BatchReadingInput;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.ReadingBatch;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.ReadingInput;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.SensorRegistration;
import org.jspecify.annotations.Nullable;

/**
 * Checks requests of the telemetry API and turns them into domain values, or throws an
 * {@link ApiException#badRequest(String) ApiException (400)} that says what is wrong.
 * Pure: no I/O.
 */
public final class TelemetryValidation {

	/** The earliest timestamp accepted. */
	public static final Instant MIN_TIMESTAMP = Instant.EPOCH;

	/** The latest timestamp accepted. */
	public static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999Z");

	private static final Pattern SENSOR_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final int MAX_NAME_LENGTH = 200;

	private static final int MAX_UNIT_LENGTH = 32;

	private final int maxBatchSize;

	private final Duration maxRange;

	/**
	 * Creates the validation.
	 * @param maxBatchSize the most readings one batch may carry
	 * @param maxRange the longest export range
	 */
	public TelemetryValidation(int maxBatchSize, Duration maxRange) {
		this.maxBatchSize = maxBatchSize;
		this.maxRange = maxRange;
	}

	/**
	 * Checks a sensor identifier.
	 * @param sensorId the identifier from the path or body
	 * @return the identifier
	 */
	public String sensorId(@Nullable String sensorId) {
		if (sensorId == null || !SENSOR_ID.matcher(sensorId).matches()) {
			throw ApiException.badRequest("sensorId must be 1 to 64 characters of letters, digits, '_', '.' or '-'");
		}
		return sensorId;
	}

	/**
	 * Checks a sensor registration.
	 * @param sensorId the identifier from the path
	 * @param registration the body
	 * @return the sensor
	 */
	public Sensor sensor(String sensorId, SensorRegistration registration) {
		String name = registration.name();
		if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw ApiException.badRequest("name is required, at most " + MAX_NAME_LENGTH + " characters");
		}
		String unit = (registration.unit() != null) ? registration.unit() : "";
		if (unit.length() > MAX_UNIT_LENGTH) {
			throw ApiException.badRequest("unit must be at most " + MAX_UNIT_LENGTH + " characters");
		}
		return new Sensor(sensorId(sensorId), name, unit);
	}

	/**
	 * Checks a single reading.
	 * @param sensorId the identifier from the path
	 * @param input the body
	 * @return the reading
	 */
	public Reading reading(String sensorId, ReadingInput input) {
		return reading(sensorId, input.timestamp(), input.value(), "");
	}

	/**
	 * Checks a batch: 1 to {@code maxBatchSize} valid readings.
	 * @param batch the body
	 * @return the readings
	 */
	public List<Reading> batch(ReadingBatch batch) {
		List<@Nullable BatchReadingInput> inputs = batch.readings();
		if (inputs == null || inputs.isEmpty()) {
			throw ApiException.badRequest("readings must hold 1 to " + this.maxBatchSize + " readings");
		}
		if (inputs.size() > this.maxBatchSize) {
			throw ApiException.badRequest("readings holds " + inputs.size() + " readings, at most " + this.maxBatchSize
					+ " are allowed per batch");
		}
		List<Reading> readings = new ArrayList<>(inputs.size());
		for (int i = 0; i < inputs.size(); i++) {
			BatchReadingInput input = inputs.get(i);
			String where = "readings[" + i + "].";
			if (input == null) {
				throw ApiException.badRequest("readings[" + i + "] must be an object");
			}
			if (input.sensorId() == null || !SENSOR_ID.matcher(input.sensorId()).matches()) {
				throw ApiException
					.badRequest(where + "sensorId must be 1 to 64 characters of letters, digits," + " '_', '.' or '-'");
			}
			readings.add(reading(input.sensorId(), input.timestamp(), input.value(), where));
		}
		return readings;
	}

	/**
	 * Checks an export range: both bounds given as ISO-8601 instants, {@code from} before
	 * {@code to}, at most {@code maxRange} long.
	 * @param from the start parameter, inclusive
	 * @param to the end parameter, exclusive
	 * @return the range
	 */
	public TimeRange range(@Nullable String from, @Nullable String to) {
		Instant start = instant("from", from);
		Instant end = instant("to", to);
		if (!start.isBefore(end)) {
			throw ApiException.badRequest("from must be before to (the range is [from, to))");
		}
		if (Duration.between(start, end).compareTo(this.maxRange) > 0) {
			throw ApiException.badRequest("the range must not be longer than " + this.maxRange.toDays() + " days");
		}
		return new TimeRange(start, end);
	}

	private Reading reading(String sensorId, @Nullable Instant timestamp, @Nullable Double value, String where) {
		if (timestamp == null) {
			throw ApiException.badRequest(where + "timestamp is required (ISO-8601, e.g. 2026-01-31T12:00:00Z)");
		}
		checkBounds(where + "timestamp", timestamp);
		if (value == null) {
			throw ApiException.badRequest(where + "value is required");
		}
		if (!Double.isFinite(value)) {
			throw ApiException.badRequest(where + "value must be a finite number");
		}
		return new Reading(sensorId(sensorId), timestamp, value);
	}

	private static Instant instant(String name, @Nullable String text) {
		if (text == null || text.isBlank()) {
			throw ApiException.badRequest(name + " is required (ISO-8601, e.g. 2026-01-31T12:00:00Z)");
		}
		Instant instant;
		try {
			instant = Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badRequest(name + " must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
		}
		checkBounds(name, instant);
		return instant;
	}

	private static void checkBounds(String name, Instant instant) {
		if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
			throw ApiException.badRequest(name + " must be between " + MIN_TIMESTAMP + " and " + MAX_TIMESTAMP);
		}
	}

	/**
	 * A validated time range {@code [from, to)}.
	 *
	 * @param from the start, inclusive
	 * @param to the end, exclusive
	 */
	public record TimeRange(Instant from, Instant to) {

	}

}
