package dev.asynccassandra.api.observation;

import java.net.InetSocketAddress;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one request knows: set when the request starts (operation,
 * keyspace, table, statement name, query text) and when it ends (the coordinator, the
 * rows of the page). Never a bound value. A client ({@link Kind#CLIENT}) context whose
 * remote service is {@code cassandra}; nothing is propagated to the server.
 *
 * @since 0.1.0
 */
public class CassandraObservationContext extends SenderContext<Object> {

	private final String operationName;

	private final @Nullable String keyspace;

	private final @Nullable String table;

	private final @Nullable String statementName;

	private final @Nullable String queryText;

	private @Nullable InetSocketAddress coordinator;

	private int rows;

	/**
	 * Creates the context of a request that starts.
	 * @param operationName the CQL operation ({@code SELECT}, {@code INSERT},
	 * {@code BATCH}, {@code PREPARE}...), upper case
	 * @param keyspace the keyspace, or {@code null} if unknown
	 * @param table the table, or {@code null} if unknown
	 * @param statementName the logical statement name of the call, or {@code null}
	 * @param queryText the CQL text with its bind markers, or {@code null} for a batch
	 */
	public CassandraObservationContext(String operationName, @Nullable String keyspace, @Nullable String table,
			@Nullable String statementName, @Nullable String queryText) {
		super((carrier, key, value) -> {
		}, Kind.CLIENT);
		this.operationName = operationName;
		this.keyspace = keyspace;
		this.table = table;
		this.statementName = statementName;
		this.queryText = queryText;
		setRemoteServiceName("cassandra");
	}

	/**
	 * The CQL operation.
	 * @return the operation, upper case ({@code SELECT}, {@code BATCH},
	 * {@code PREPARE}...)
	 */
	public String getOperationName() {
		return this.operationName;
	}

	/**
	 * The keyspace of the request: the statement's, else the prepared statement's, else
	 * the session's.
	 * @return the keyspace, or {@code null} if unknown
	 */
	public @Nullable String getKeyspace() {
		return this.keyspace;
	}

	/**
	 * The table of the request, known for bound statements.
	 * @return the table, or {@code null} if unknown
	 */
	public @Nullable String getTable() {
		return this.table;
	}

	/**
	 * The logical statement name given with the call ({@code QueryOptions.statementName},
	 * {@code StreamOptions.statementName}).
	 * @return the name, or {@code null}
	 */
	public @Nullable String getStatementName() {
		return this.statementName;
	}

	/**
	 * The CQL text with its bind markers (never the bound values; literals written into
	 * the text are part of it).
	 * @return the text, or {@code null} for a batch
	 */
	public @Nullable String getQueryText() {
		return this.queryText;
	}

	/**
	 * The node that coordinated the request, once it answered.
	 * @return the node's address, or {@code null}
	 */
	public @Nullable InetSocketAddress getCoordinator() {
		return this.coordinator;
	}

	/**
	 * Sets the node that coordinated the request.
	 * @param coordinator the node's address
	 */
	public void setCoordinator(@Nullable InetSocketAddress coordinator) {
		this.coordinator = coordinator;
		if (coordinator != null) {
			setRemoteServiceAddress(coordinator.getHostString() + ":" + coordinator.getPort());
		}
	}

	/**
	 * The rows of the page the request returned.
	 * @return the row count, {@code 0} for none or a failure
	 */
	public int getRows() {
		return this.rows;
	}

	/**
	 * Sets the rows of the page the request returned.
	 * @param rows the row count
	 */
	public void setRows(int rows) {
		this.rows = rows;
	}

}
