package dev.asynccassandra.benchmarks;

/**
 * The clients compared on streaming every row of one large paged query.
 */
public enum StreamContender {

	/**
	 * The driver's async paging: {@code executeAsync}, then {@code fetchNextPage} after
	 * each page is consumed: the baseline.
	 */
	RAW,

	/**
	 * {@code AsyncSession.stream}, consumed by {@code StreamConsumers} (rows requested in
	 * batches).
	 */
	ASYNC,

	/**
	 * Spring Data Cassandra's {@code ReactiveCqlTemplate.queryForRows} over the bridged
	 * reactive session.
	 */
	SPRING_REACTIVE

}
