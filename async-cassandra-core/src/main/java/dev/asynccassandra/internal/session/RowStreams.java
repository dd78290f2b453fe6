package dev.asynccassandra.internal.session;

import java.util.concurrent.Executor;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import dev.asynccassandra.internal.request.InFlightGate;
import dev.asynccassandra.internal.request.RequestLauncher;
import dev.asynccassandra.internal.stream.PageFetcher;

/**
 * Creates the row streams of a session: each stream's pages are planned and run by the
 * session's {@link RequestLauncher}, and the stream is tied to the session's gate and
 * open-stream registry.
 */
final class RowStreams {

	private final InFlightGate gate;

	private final RequestLauncher launcher;

	private final OpenStreams openStreams;

	private final Executor executor;

	private final ContextCapture contextCapture;

	RowStreams(InFlightGate gate, RequestLauncher launcher, OpenStreams openStreams, Executor executor,
			ContextCapture contextCapture) {
		this.gate = gate;
		this.launcher = launcher;
		this.openStreams = openStreams;
		this.executor = executor;
		this.contextCapture = contextCapture;
	}

	<T> RowPublisher<T> create(Statement<?> statement, StreamOptions options, Function<Row, ? extends T> rowMapper) {
		PageFetcher fetcher = this.launcher.streamPages(statement, options);
		return new SessionRowPublisher<>(this.gate, this.openStreams, fetcher, rowMapper, options, this.executor,
				this.contextCapture);
	}

	long openCount() {
		return this.openStreams.count();
	}

}
