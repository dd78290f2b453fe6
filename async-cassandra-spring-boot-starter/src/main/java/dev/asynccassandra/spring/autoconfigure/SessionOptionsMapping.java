package dev.asynccassandra.spring.autoconfigure;

import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.stream.StreamOptions;

/**
 * The one place that says which {@code async-cassandra.*} property sets which option of
 * the core's {@link AsyncSessionBuilder} and {@link StreamOptions}: used to build
 * sessions, and to check the properties with the builders' own rules when they are bound
 * (a session may be built long after the startup, once Cassandra answers).
 */
final class SessionOptionsMapping {

	private SessionOptionsMapping() {
	}

	static void map(AsyncCassandraProperties properties, AsyncSessionBuilder builder, OptionMapper map) {
		AsyncCassandraProperties.Request request = properties.getRequest();
		map.map("request.timeout", request::getTimeout, builder::withDefaultTimeout);
		map.map("request.max-in-flight", request::getMaxInFlight, builder::withMaxRequestsInFlight);
		map.map("request.max-queued", request::getMaxQueued, builder::withMaxQueuedRequests);
		map.map("shutdown.timeout", properties.getShutdown()::getTimeout, builder::withDrainTimeout);
		map.map("executor.propagate-context", properties.getExecutor()::isPropagateContext,
				builder::withContextPropagation);
		builder.withDefaultStreamOptions(streamOptions(properties.getStream(), map));
	}

	private static StreamOptions streamOptions(AsyncCassandraProperties.Stream stream, OptionMapper map) {
		StreamOptions.Builder options = StreamOptions.builder();
		map.map("stream.page-size", stream::getPageSize, options::pageSize);
		map.map("stream.prefetch-pages", stream::getPrefetchPages, options::prefetchPages);
		map.map("stream.page-timeout", stream::getPageTimeout, options::pageTimeout);
		return options.build();
	}

}
