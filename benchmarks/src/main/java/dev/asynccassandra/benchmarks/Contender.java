package dev.asynccassandra.benchmarks;

/**
 * The clients compared on the same work.
 */
public enum Contender {

	/** The driver's {@code CqlSession.executeAsync}: the baseline. */
	RAW,

	/** {@code AsyncSession} with its default completion executor. */
	ASYNC,

	/**
	 * {@code AsyncSession} completing on the driver's thread
	 * ({@code CompletionExecutors.direct()}, the expert mode): the cost of the session
	 * without the hand-off.
	 */
	ASYNC_DIRECT,

	/** {@code AsyncSession} with a query event listener registered (metrics on). */
	ASYNC_METRICS,

	/** Spring Data Cassandra's {@code AsyncCqlTemplate}. */
	SPRING_ASYNC,

	/**
	 * Spring Data Cassandra's {@code ReactiveCqlTemplate} over the bridged reactive
	 * session.
	 */
	SPRING_REACTIVE

}
