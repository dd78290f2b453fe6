package dev.asynccassandra.api.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * What a convenience consumer of {@link StreamConsumers} processed, once its stream ended
 * normally.
 *
 * @param rows elements processed
 * @param pages pages processed: see the consumer method for what counts as a page
 * @param elapsed time from subscription to the end of the stream
 * @since 0.1.0
 */
public record StreamSummary(long rows, long pages, Duration elapsed) {

	/**
	 * Checks the arguments.
	 * @param rows elements processed
	 * @param pages pages processed: see the consumer method for what counts as a page
	 * @param elapsed time from subscription to the end of the stream
	 */
	public StreamSummary {
		Objects.requireNonNull(elapsed, "'elapsed' must not be null");
	}

}
