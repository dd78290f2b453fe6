package dev.asynccassandra.internal.stream;

import java.util.concurrent.Executor;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.stream.StreamOptions;

/**
 * Everything a stream needs before it has a subscriber; handed over to the subscription
 * on subscribe so the publisher keeps none of it.
 *
 * @param <T> the type of the elements
 * @param fetcher fetches each page
 * @param rowMapper turns each row into an element
 * @param options the stream's options
 * @param executor delivers every signal
 * @param termination runs once when the stream ends
 */
record StreamSetup<T>(PageFetcher fetcher, Function<Row, ? extends T> rowMapper, StreamOptions options,
		Executor executor, TerminationCallback termination) {

}
