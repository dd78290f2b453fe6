package dev.asynccassandra.samples.telemetry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the telemetry service ({@code telemetry.*}).
 *
 * @param keyspace the keyspace holding the tables, created at startup if missing
 * @param replication the keyspace's replication map in CQL, used only when it is created
 * @param exportPageSize rows per page fetched by an export
 * @param maxExportRange the longest time range one export may cover
 * @param maxBatchSize the most readings one batch request may carry
 * @param writeConcurrency the most Cassandra writes one batch request runs at once
 * @param schemaTimeout the bound on creating the schema and preparing statements
 */
@ConfigurationProperties("telemetry")
public record TelemetryProperties(String keyspace, String replication, int exportPageSize, Duration maxExportRange,
		int maxBatchSize, int writeConcurrency, Duration schemaTimeout) {

	/**
	 * Applies defaults to unset values.
	 */
	public TelemetryProperties {
		keyspace = (keyspace != null) ? keyspace : "telemetry";
		replication = (replication != null) ? replication : "{'class': 'SimpleStrategy', 'replication_factor': 1}";
		exportPageSize = (exportPageSize > 0) ? exportPageSize : 1000;
		maxExportRange = (maxExportRange != null) ? maxExportRange : Duration.ofDays(31);
		maxBatchSize = (maxBatchSize > 0) ? maxBatchSize : 1000;
		writeConcurrency = (writeConcurrency > 0) ? writeConcurrency : 8;
		schemaTimeout = (schemaTimeout != null) ? schemaTimeout : Duration.ofSeconds(60);
	}

}
