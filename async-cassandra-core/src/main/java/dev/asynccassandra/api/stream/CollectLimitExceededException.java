package dev.asynccassandra.api.stream;

import dev.asynccassandra.api.error.AsyncCassandraException;

/**
 * A stream being collected into a list had more elements than the collector's cap: the
 * stream was cancelled as soon as the first element beyond the cap arrived. Narrow the
 * query, raise the cap, or process the stream with
 * {@link StreamConsumers#forEach(java.util.concurrent.Flow.Publisher, java.util.function.Consumer)}
 * instead.
 *
 * @since 0.1.0
 */
public class CollectLimitExceededException extends AsyncCassandraException {

	private static final long serialVersionUID = 1L;

	/** The row limit the stream exceeded. */
	private final int limit;

	/**
	 * Creates an exception.
	 * @param limit the cap that was exceeded
	 */
	public CollectLimitExceededException(int limit) {
		super("Stream has more than " + limit + " elements, the cap given to collect", null);
		this.limit = limit;
	}

	/**
	 * The cap that was exceeded.
	 * @return most elements the collector accepted
	 */
	public int getLimit() {
		return this.limit;
	}

}
