package dev.asynccassandra.samples.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.asynccassandra.samples.telemetry.TelemetryRequests.ReadingBatch;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.ReadingInput;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.SensorRegistration;
import dev.asynccassandra.samples.telemetry.TelemetryRequests.WriteResult;
import dev.asynccassandra.samples.telemetry.TelemetryValidation.TimeRange;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API of the telemetry service.
 * <ul>
 * <li>{@code PUT /sensors/{id}}: registers a sensor ({@code {"name", "unit"}}).</li>
 * <li>{@code POST /sensors/{id}/readings}: ingests one reading ({@code {"timestamp",
 * "value"}}).</li>
 * <li>{@code POST /readings}: ingests a batch ({@code {"readings": [{"sensorId",
 * "timestamp", "value"}, ...]}}).</li>
 * <li>{@code GET /sensors/{id}/latest}: the newest reading.</li>
 * <li>{@code GET /sensors/{id}/readings?from=&to=}: the readings in {@code [from, to)}
 * streamed as NDJSON.</li>
 * </ul>
 * Errors are answered by {@link ErrorResponses}.
 */
@RestController
public class TelemetryController {

	/** The NDJSON media type of exports. */
	public static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

	/** Readings encoded into one chunk of an export response. */
	static final int LINES_PER_CHUNK = 256;

	private final TelemetryRepository repository;

	private final ReadingExporter exporter;

	private final TelemetryValidation validation;

	private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	TelemetryController(TelemetryRepository repository, ReadingExporter exporter, TelemetryValidation validation) {
		this.repository = repository;
		this.exporter = exporter;
		this.validation = validation;
	}

	/**
	 * Registers a sensor, or updates it.
	 * @param id the sensor's identifier
	 * @param registration its name and unit
	 * @return the sensor
	 */
	@PutMapping("/sensors/{id}")
	public Mono<Sensor> registerSensor(@PathVariable String id, @RequestBody SensorRegistration registration) {
		Sensor sensor = this.validation.sensor(id, registration);
		return this.repository.saveSensor(sensor).thenReturn(sensor);
	}

	/**
	 * Ingests one reading of a registered sensor.
	 * @param id the sensor's identifier
	 * @param input the reading
	 * @return the number written
	 */
	@PostMapping("/sensors/{id}/readings")
	public Mono<WriteResult> ingestReading(@PathVariable String id, @RequestBody ReadingInput input) {
		Reading reading = this.validation.reading(id, input);
		return requireSensor(id).then(this.repository.saveReadings(List.of(reading))).map(WriteResult::new);
	}

	/**
	 * Ingests a batch of readings of registered sensors.
	 * @param batch the readings
	 * @return the number written
	 */
	@PostMapping("/readings")
	public Mono<WriteResult> ingestBatch(@RequestBody ReadingBatch batch) {
		List<Reading> readings = this.validation.batch(batch);
		Set<String> sensorIds = new LinkedHashSet<>();
		readings.forEach((reading) -> sensorIds.add(reading.sensorId()));
		return Flux.fromIterable(sensorIds)
			.flatMap(this::requireSensor, 8)
			.then(this.repository.saveReadings(readings))
			.map(WriteResult::new);
	}

	/**
	 * The newest reading of a sensor.
	 * @param id the sensor's identifier
	 * @return the reading
	 */
	@GetMapping("/sensors/{id}/latest")
	public Mono<Reading> latest(@PathVariable String id) {
		String sensorId = this.validation.sensorId(id);
		return requireSensor(sensorId).then(this.repository.findLatest(sensorId))
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("sensor '" + sensorId + "' has no readings yet")));
	}

	/**
	 * Streams the readings of a sensor in {@code [from, to)} as NDJSON, one reading per
	 * line in timestamp order. Fetches from Cassandra only as fast as the client reads,
	 * and stops when the client disconnects.
	 * @param id the sensor's identifier
	 * @param from the start of the range (ISO-8601), inclusive
	 * @param to the end of the range (ISO-8601), exclusive
	 * @return the streamed response
	 */
	@GetMapping(path = "/sensors/{id}/readings")
	public Mono<ResponseEntity<Flux<DataBuffer>>> export(@PathVariable String id,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		String sensorId = this.validation.sensorId(id);
		TimeRange range = this.validation.range(from, to);
		Flux<DataBuffer> body = this.exporter.export(sensorId, range.from(), range.to())
			.buffer(LINES_PER_CHUNK)
			.map(this::encode);
		return requireSensor(sensorId).thenReturn(ResponseEntity.ok().contentType(NDJSON).body(body));
	}

	private Mono<Sensor> requireSensor(String sensorId) {
		return this.repository.findSensor(sensorId)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("sensor '" + sensorId + "' is not registered")));
	}

	private DataBuffer encode(List<Reading> readings) {
		StringBuilder lines = new StringBuilder(readings.size() * 80);
		readings.forEach((reading) -> lines.append(reading.toJsonLine()));
		return this.buffers.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
	}

}
