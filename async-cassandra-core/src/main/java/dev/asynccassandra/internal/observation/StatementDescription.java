package dev.asynccassandra.internal.observation;

import java.util.Locale;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import org.jspecify.annotations.Nullable;

/**
 * What an observation says about a request, read from the statement alone (never its
 * values): the CQL operation, the keyspace and table where the driver knows them, the
 * query text with its bind markers.
 *
 * @param operationName the CQL operation, upper case
 * @param keyspace the keyspace, or {@code null}
 * @param table the table, or {@code null}
 * @param queryText the CQL text, or {@code null} for a batch
 */
record StatementDescription(String operationName, @Nullable String keyspace, @Nullable String table,
		@Nullable String queryText) {

	static final String PREPARE = "PREPARE";

	static final String BATCH = "BATCH";

	static StatementDescription of(OperationKind kind, Object request, @Nullable String sessionKeyspace) {
		Object described = (request instanceof AsyncResultSet page) ? page.getExecutionInfo().getRequest() : request;
		if (kind == OperationKind.PREPARE && described instanceof SimpleStatement preparation) {
			return new StatementDescription(PREPARE, keyspaceOf(preparation, sessionKeyspace), null,
					preparation.getQuery());
		}
		if (described instanceof BatchStatement batch) {
			String table = null;
			String keyspace = name(batch.getKeyspace());
			BatchableStatement<?> first = (batch.size() > 0) ? batch.iterator().next() : null;
			ColumnDefinitions columns = (first instanceof BoundStatement bound)
					? columnsOf(bound.getPreparedStatement()) : null;
			if (columns != null) {
				table = columns.get(0).getTable().asInternal();
				if (keyspace == null) {
					keyspace = columns.get(0).getKeyspace().asInternal();
				}
			}
			return new StatementDescription(BATCH, (keyspace != null) ? keyspace : sessionKeyspace, table, null);
		}
		if (described instanceof BoundStatement bound) {
			PreparedStatement prepared = bound.getPreparedStatement();
			ColumnDefinitions columns = columnsOf(prepared);
			String keyspace = name(bound.getKeyspace());
			if (keyspace == null && columns != null) {
				keyspace = columns.get(0).getKeyspace().asInternal();
			}
			return new StatementDescription(operationOf(prepared.getQuery()),
					(keyspace != null) ? keyspace : sessionKeyspace,
					(columns != null) ? columns.get(0).getTable().asInternal() : null, prepared.getQuery());
		}
		if (described instanceof SimpleStatement simple) {
			return new StatementDescription(operationOf(simple.getQuery()), keyspaceOf(simple, sessionKeyspace), null,
					simple.getQuery());
		}
		String keyspace = (described instanceof Statement<?> statement) ? name(statement.getKeyspace()) : null;
		return new StatementDescription(kind.name(), (keyspace != null) ? keyspace : sessionKeyspace, null, null);
	}

	/**
	 * The first word of the query, upper case ({@code SELECT}, {@code INSERT}...), or
	 * {@code BATCH} for {@code BEGIN ... BATCH}.
	 */
	static String operationOf(String query) {
		int start = 0;
		while (start < query.length() && Character.isWhitespace(query.charAt(start))) {
			start++;
		}
		int end = start;
		while (end < query.length() && Character.isLetter(query.charAt(end))) {
			end++;
		}
		if (end == start) {
			return "CQL";
		}
		String word = query.substring(start, end).toUpperCase(Locale.ROOT);
		return word.equals("BEGIN") ? BATCH : word;
	}

	private static @Nullable String keyspaceOf(Statement<?> statement, @Nullable String sessionKeyspace) {
		String keyspace = name(statement.getKeyspace());
		return (keyspace != null) ? keyspace : sessionKeyspace;
	}

	private static @Nullable ColumnDefinitions columnsOf(PreparedStatement prepared) {
		ColumnDefinitions variables = prepared.getVariableDefinitions();
		if (variables.size() > 0) {
			return variables;
		}
		ColumnDefinitions results = prepared.getResultSetDefinitions();
		return (results.size() > 0) ? results : null;
	}

	private static @Nullable String name(@Nullable CqlIdentifier identifier) {
		return (identifier != null) ? identifier.asInternal() : null;
	}

}
