package dev.asynccassandra.api.observation;

import java.net.InetSocketAddress;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * Names and keys after OpenTelemetry's semantic conventions for Cassandra client
 * operations. The observation is named {@value #NAME}; the span (contextual name) is the
 * statement name if the call gave one, else {@code <operation> <keyspace>.
 *
<table>
 * } with what is known. Low-cardinality keys (on meters and spans) are always present,
 * with {@value #UNKNOWN} where nothing is known, so that every meter of the name has the
 * same keys:
 * <ul>
 * <li>{@code db.system.name}: {@code cassandra}</li>
 * <li>{@code db.operation.name}: {@code SELECT}, {@code INSERT}, {@code BATCH},
 * {@code PREPARE}...</li>
 * <li>{@code db.namespace}: the keyspace</li>
 * <li>{@code db.collection.name}: the table (known for bound statements)</li>
 * <li>{@code db.query.summary}: the logical statement name of the call</li>
 * </ul>
 * High-cardinality keys (spans only): {@code server.address} and {@code server.port} of
 * the coordinator, {@code db.response.returned_rows}, and, when asked for,
 * {@code db.query.text}: the CQL with its bind markers (off by default, as OpenTelemetry
 * advises for unsanitized text: bound values are never part of it, but literals written
 * into the CQL are). Errors are recorded on the observation (Micrometer adds the
 * {@code error} key). Never a bound value.
 *
 * @since 0.1.0
 */
public class DefaultCassandraObservationConvention implements CassandraObservationConvention {

	/**
	 * The name of the observations.
	 */
	public static final String NAME = "db.client.operation";

	/**
	 * The value of a low-cardinality key whose value is not known.
	 */
	public static final String UNKNOWN = "unknown";

	private static final KeyValue SYSTEM = KeyValue.of("db.system.name", "cassandra");

	private final boolean includeQueryText;

	/**
	 * A convention without the query text.
	 */
	public DefaultCassandraObservationConvention() {
		this(false);
	}

	/**
	 * A convention that includes the query text or not.
	 * @param includeQueryText whether spans carry {@code db.query.text}
	 */
	public DefaultCassandraObservationConvention(boolean includeQueryText) {
		this.includeQueryText = includeQueryText;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CassandraObservationContext context) {
		String statementName = context.getStatementName();
		if (statementName != null) {
			return statementName;
		}
		String keyspace = context.getKeyspace();
		String table = context.getTable();
		if (keyspace != null && table != null) {
			return context.getOperationName() + " " + keyspace + "." + table;
		}
		if (table != null) {
			return context.getOperationName() + " " + table;
		}
		return (keyspace != null) ? context.getOperationName() + " " + keyspace : context.getOperationName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CassandraObservationContext context) {
		return KeyValues.of(SYSTEM, KeyValue.of("db.operation.name", context.getOperationName()),
				KeyValue.of("db.namespace", orUnknown(context.getKeyspace())),
				KeyValue.of("db.collection.name", orUnknown(context.getTable())),
				KeyValue.of("db.query.summary", orUnknown(context.getStatementName())));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CassandraObservationContext context) {
		KeyValues values = KeyValues.of("db.response.returned_rows", Integer.toString(context.getRows()));
		InetSocketAddress coordinator = context.getCoordinator();
		if (coordinator != null) {
			values = values.and(KeyValue.of("server.address", coordinator.getHostString()),
					KeyValue.of("server.port", Integer.toString(coordinator.getPort())));
		}
		String queryText = context.getQueryText();
		if (this.includeQueryText && queryText != null) {
			values = values.and("db.query.text", queryText);
		}
		return values;
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null) ? value : UNKNOWN;
	}

}
