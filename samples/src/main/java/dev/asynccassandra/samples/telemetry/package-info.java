/**
 * A time-series telemetry service on async-cassandra: sensors, readings ingested singly
 * or in batches, the latest value per sensor, and a streamed NDJSON export of a time
 * range.
 */
@NullMarked
package dev.asynccassandra.samples.telemetry;

import org.jspecify.annotations.NullMarked;
