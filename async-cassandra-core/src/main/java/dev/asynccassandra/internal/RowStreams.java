package dev.asynccassandra.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.asynccassandra.api.stream.RowPublisher;
import dev.asynccassandra.api.stream.StreamOptions;

/**
 * Creates the row streams of a session: resolves the per-page timeout, applies the page
 * size, and ties each stream to the session's gate, launcher and open-stream registry.
 */
final class RowStreams {

	private final Function<Statement<?>, CompletionStage<AsyncResultSet>> execute;

	private final InFlightGate gate;

	private final RequestLauncher launcher;

	private final OpenStreams openStreams;

	private final StatementOptions statementOptions;

	private final Executor executor;

	RowStreams(Function<Statement<?>, CompletionStage<AsyncResultSet>> execute, InFlightGate gate,
			RequestLauncher launcher, OpenStreams openStreams, StatementOptions statementOptions, Executor executor) {
		this.execute = execute;
		this.gate = gate;
		this.launcher = launcher;
		this.openStreams = openStreams;
		this.statementOptions = statementOptions;
		this.executor = executor;
	}

	<T> RowPublisher<T> create(Statement<?> statement, StreamOptions options, Function<Row, ? extends T> rowMapper) {
		Duration pageTimeout = this.statementOptions.timeoutFor(options.pageTimeout(), statement);
		Statement<?> adjusted = statement;
		if (!pageTimeout.equals(adjusted.getTimeout())) {
			adjusted = adjusted.setTimeout(pageTimeout);
		}
		if (options.pageSize() > 0) {
			adjusted = adjusted.setPageSize(options.pageSize());
		}
		RequestContext context = new RequestContext(this.launcher, this.executor, pageTimeout, options.statementName());
		StreamPageFetcher fetcher = new StreamPageFetcher(this.execute, adjusted, context);
		return new SessionRowPublisher<>(this.gate, this.openStreams, fetcher, rowMapper, options, this.executor);
	}

	long openCount() {
		return this.openStreams.count();
	}

}
