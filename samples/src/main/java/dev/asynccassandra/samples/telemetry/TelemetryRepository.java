package dev.asynccassandra.samples.telemetry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.QueryOptions;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Repository;

/**
 * Cassandra access of the telemetry service. The schema is created idempotently
 * ({@code IF NOT EXISTS}) when the repository is built, then every query runs as a
 * prepared statement. Every request is marked idempotent, so that the driver may retry it
 * on another node (after a closed connection or an Overloaded answer, for example): reads
 * are, and a retried write stores the same cells again.
 * <ul>
 * <li>{@code sensors(sensor_id)}: registered sensors.</li>
 * <li>{@code readings((sensor_id, day), ts)}: readings partitioned by sensor and UTC day,
 * ordered by time, so a partition stays bounded and a range read walks days in
 * order.</li>
 * <li>{@code latest_readings(sensor_id)}: the newest reading per sensor, written
 * {@code USING TIMESTAMP} of the reading, so the newest reading wins whatever order the
 * writes arrive in.</li>
 * </ul>
 */
@Repository
public class TelemetryRepository {

	/** Statements per unlogged batch: one partition, well under the batch size limits. */
	static final int STATEMENTS_PER_BATCH = 100;

	private static final QueryOptions IDEMPOTENT = QueryOptions.builder().idempotent(true).build();

	private static final long SCHEMA_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final AsyncSession session;

	private final TelemetryProperties properties;

	private final PreparedStatement insertSensor;

	private final PreparedStatement selectSensor;

	private final PreparedStatement insertReading;

	private final PreparedStatement insertLatest;

	private final PreparedStatement selectLatest;

	private final PreparedStatement selectDayRange;

	/**
	 * Creates the schema if missing and prepares the statements, each step bounded by
	 * {@link TelemetryProperties#schemaTimeout()}.
	 * @param session the session
	 * @param properties the service's settings
	 */
	public TelemetryRepository(AsyncSession session, TelemetryProperties properties) {
		this.session = session;
		this.properties = properties;
		String ks = properties.keyspace();
		awaitSchema(() -> session
			.execute("CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = " + properties.replication()));
		awaitSchema(() -> session.execute(
				"CREATE TABLE IF NOT EXISTS " + ks + ".sensors (sensor_id text PRIMARY KEY, name text, unit text)"));
		awaitSchema(() -> session.execute(
				"CREATE TABLE IF NOT EXISTS " + ks + ".readings (sensor_id text, day date, ts timestamp, value double,"
						+ " PRIMARY KEY ((sensor_id, day), ts)) WITH CLUSTERING ORDER BY (ts ASC)"));
		awaitSchema(() -> session.execute("CREATE TABLE IF NOT EXISTS " + ks
				+ ".latest_readings (sensor_id text PRIMARY KEY, ts timestamp, value double)"));
		this.insertSensor = prepare("INSERT INTO " + ks + ".sensors (sensor_id, name, unit) VALUES (?, ?, ?)");
		this.selectSensor = prepare("SELECT sensor_id, name, unit FROM " + ks + ".sensors WHERE sensor_id = ?");
		this.insertReading = prepare("INSERT INTO " + ks + ".readings (sensor_id, day, ts, value) VALUES (?, ?, ?, ?)");
		this.insertLatest = prepare(
				"INSERT INTO " + ks + ".latest_readings (sensor_id, ts, value) VALUES (?, ?, ?) USING TIMESTAMP ?");
		this.selectLatest = prepare("SELECT ts, value FROM " + ks + ".latest_readings WHERE sensor_id = ?");
		this.selectDayRange = prepare(
				"SELECT ts, value FROM " + ks + ".readings WHERE sensor_id = ? AND day = ? AND ts >= ? AND ts < ?");
	}

	/**
	 * Registers a sensor, or updates its name and unit.
	 * @param sensor the sensor
	 * @return completes when written
	 */
	public Mono<Void> saveSensor(Sensor sensor) {
		BoundStatement statement = this.insertSensor.bind(sensor.sensorId(), sensor.name(), sensor.unit());
		return Mono.fromFuture(() -> this.session.execute(IDEMPOTENT, statement)).then();
	}

	/**
	 * Looks a sensor up.
	 * @param sensorId the sensor's identifier
	 * @return the sensor, or empty if it is not registered
	 */
	public Mono<Sensor> findSensor(String sensorId) {
		return Mono.fromFuture(() -> this.session.execute(IDEMPOTENT, this.selectSensor.bind(sensorId)))
			.flatMap((result) -> Mono.justOrEmpty(Optional.ofNullable(result.one())))
			.map((row) -> new Sensor(row.getString("sensor_id"), nonNull(row.getString("name")),
					nonNull(row.getString("unit"))));
	}

	/**
	 * Writes readings: one unlogged batch per partition (chunked to
	 * {@value #STATEMENTS_PER_BATCH} statements), the batches run concurrently up to
	 * {@link TelemetryProperties#writeConcurrency()}, then the newest reading of each
	 * sensor is written to the latest-value table.
	 * @param readings the readings, at least one
	 * @return the number of readings written, when all are written
	 */
	public Mono<Integer> saveReadings(List<Reading> readings) {
		List<List<BoundStatement>> batches = partitionBatches(readings);
		List<BoundStatement> latest = latestPerSensor(readings).stream().map(this::bindLatest).toList();
		Flux<AsyncResult> readingWrites = Flux.fromIterable(batches)
			.flatMap(this::executeBatch, this.properties.writeConcurrency());
		Flux<AsyncResult> latestWrites = Flux.fromIterable(latest)
			.flatMap((statement) -> Mono.fromFuture(() -> this.session.execute(IDEMPOTENT, statement)),
					this.properties.writeConcurrency());
		return readingWrites.thenMany(latestWrites).then(Mono.just(readings.size()));
	}

	/**
	 * Reads the newest reading of a sensor.
	 * @param sensorId the sensor's identifier
	 * @return the newest reading, or empty if the sensor has none
	 */
	public Mono<Reading> findLatest(String sensorId) {
		return Mono.fromFuture(() -> this.session.execute(IDEMPOTENT, this.selectLatest.bind(sensorId)))
			.flatMap((result) -> Mono.justOrEmpty(Optional.ofNullable(result.one())))
			.map((row) -> toReading(sensorId, row));
	}

	/**
	 * Streams the readings of one day partition of a sensor within {@code [from, to)},
	 * fetching pages on demand.
	 * @param sensorId the sensor's identifier
	 * @param day the UTC day
	 * @param from the start of the range, inclusive
	 * @param to the end of the range, exclusive
	 * @param options the stream options (page size, prefetch, progress listener)
	 * @return a cold publisher of the readings in timestamp order
	 */
	public RowPublisher<Reading> streamDay(String sensorId, LocalDate day, Instant from, Instant to,
			StreamOptions options) {
		return this.session.stream(options, this.selectDayRange.bind(sensorId, day, from, to).setIdempotent(true),
				(row) -> toReading(sensorId, row));
	}

	/**
	 * Maps a row of {@code readings} or {@code latest_readings} to a reading.
	 * @param sensorId the sensor the row belongs to
	 * @param row the row with {@code ts} and {@code value}
	 * @return the reading
	 */
	static Reading toReading(String sensorId, Row row) {
		Instant timestamp = row.getInstant("ts");
		return new Reading(sensorId, (timestamp != null) ? timestamp : Instant.EPOCH, row.getDouble("value"));
	}

	/**
	 * The UTC day a timestamp falls on: the second part of the partition key.
	 * @param timestamp the timestamp
	 * @return its day
	 */
	static LocalDate dayOf(Instant timestamp) {
		return LocalDate.ofInstant(timestamp, ZoneOffset.UTC);
	}

	private List<List<BoundStatement>> partitionBatches(List<Reading> readings) {
		Map<String, List<BoundStatement>> byPartition = new LinkedHashMap<>();
		for (Reading reading : readings) {
			Instant timestamp = reading.timestamp().truncatedTo(ChronoUnit.MILLIS);
			LocalDate day = dayOf(timestamp);
			byPartition.computeIfAbsent(reading.sensorId() + "/" + day, (key) -> new ArrayList<>())
				.add(this.insertReading.bind(reading.sensorId(), day, timestamp, reading.value()));
		}
		List<List<BoundStatement>> batches = new ArrayList<>();
		for (List<BoundStatement> partition : byPartition.values()) {
			for (int start = 0; start < partition.size(); start += STATEMENTS_PER_BATCH) {
				batches.add(partition.subList(start, Math.min(partition.size(), start + STATEMENTS_PER_BATCH)));
			}
		}
		return batches;
	}

	private static List<Reading> latestPerSensor(List<Reading> readings) {
		Map<String, Reading> latest = new LinkedHashMap<>();
		Comparator<Reading> order = Comparator.comparing(Reading::timestamp);
		for (Reading reading : readings) {
			latest.merge(reading.sensorId(), reading, (a, b) -> (order.compare(a, b) >= 0) ? a : b);
		}
		return List.copyOf(latest.values());
	}

	private BoundStatement bindLatest(Reading reading) {
		Instant timestamp = reading.timestamp().truncatedTo(ChronoUnit.MILLIS);
		long writeTimeMicros = TimeUnit.MILLISECONDS.toMicros(timestamp.toEpochMilli());
		return this.insertLatest.bind(reading.sensorId(), timestamp, reading.value(), writeTimeMicros);
	}

	private Mono<AsyncResult> executeBatch(List<BoundStatement> statements) {
		if (statements.size() == 1) {
			return Mono.fromFuture(() -> this.session.execute(IDEMPOTENT, statements.get(0)));
		}
		return Mono.fromFuture(() -> this.session.executeBatch(IDEMPOTENT, BatchType.UNLOGGED, statements));
	}

	private PreparedStatement prepare(String cql) {
		return awaitSchema(() -> this.session.prepare(cql));
	}

	/**
	 * Runs a schema statement ({@code IF NOT EXISTS}) or a prepare, again every 100 ms
	 * while the coordinator does not know the keyspace or table yet, all within the
	 * schema timeout: on a cluster the driver can report schema agreement before the
	 * previous change reached the node that coordinates the next call.
	 */
	private <T> T awaitSchema(Supplier<CompletableFuture<T>> call) {
		long deadline = System.nanoTime() + this.properties.schemaTimeout().toNanos();
		while (true) {
			long remaining = Math.max(1, deadline - System.nanoTime());
			try {
				return call.get().orTimeout(remaining, TimeUnit.NANOSECONDS).join();
			}
			catch (CompletionException ex) {
				if (!(ex.getCause() instanceof InvalidQueryException) || System.nanoTime() - deadline > 0) {
					throw ex;
				}
			}
			LockSupport.parkNanos(SCHEMA_RETRY_NANOS);
		}
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

}
