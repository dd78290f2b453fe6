package dev.asynccassandra.embedded.api;

/**
 * What a node promises about its data. Chosen with
 * {@link EmbeddedCassandraConfig.Builder#kind(NodeKind)}.
 *
 * @since 0.1.0
 */
public enum NodeKind {

	/**
	 * Keeps its data: the data folder is kept across starts (unless
	 * {@link EmbeddedCassandraConfig#cleanStart()}), schema changes are flushed, and the
	 * commit log is synced before a write is acknowledged
	 * ({@code commitlog_sync: batch}). Every acknowledged write and the schema survive a
	 * stop of the application, a {@code kill -9} of the application (the node drains by
	 * itself) and a {@code kill -9} of the node (commit log replay at the next start).
	 * The default, and the kind of dev mode.
	 */
	DURABLE,

	/**
	 * For tests: the data folder is emptied before the first start, and the node runs
	 * with Cassandra's test speed-ups ({@code -Dcassandra.unsafesystem=true},
	 * {@code -Dcassandra.test.flush_local_schema_changes=false}, commit log synced every
	 * 10 seconds). Data written by one {@link EmbeddedCassandra} survives its own
	 * {@link EmbeddedCassandra#stop()} and {@link EmbeddedCassandra#start()} (the node
	 * drains before it exits), but a {@code kill -9} of the node may lose the schema and
	 * the last 10 seconds of writes.
	 */
	EPHEMERAL

}
