package dev.asynccassandra.samples.telemetry;

import java.time.Instant;

import reactor.core.publisher.Flux;

/**
 * Reads a sensor's readings in a time range as a stream, in timestamp order. An
 * implementation fetches from Cassandra only as fast as the subscriber requests, so
 * memory stays bounded for any range, and stops fetching when the subscriber cancels.
 */
public interface ReadingExporter {

	/**
	 * Streams the readings of a sensor within {@code [from, to)}.
	 * @param sensorId the sensor's identifier
	 * @param from the start of the range, inclusive
	 * @param to the end of the range, exclusive
	 * @return the readings in timestamp order
	 */
	Flux<Reading> export(String sensorId, Instant from, Instant to);

}
