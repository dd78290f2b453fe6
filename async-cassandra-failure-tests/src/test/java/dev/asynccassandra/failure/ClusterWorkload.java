package dev.asynccassandra.failure;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.QueryOptions;

/**
 * The cluster load: prepared writes at {@code QUORUM} recording each acknowledged id,
 * point reads at {@code ONE} and {@code QUORUM} of ids written before, and short
 * token-range streams at {@code ONE}. Every request is idempotent so that the driver may
 * retry it on another node.
 */
final class ClusterWorkload implements Workload {

	static final String TABLE = "failure_suite.writes";

	private static final int STREAM_PAGE_SIZE = 50;

	private static final int STREAM_MAX_PAGES = 3;

	private final AsyncSession session;

	private final RowStreams streams;

	private final PreparedStatement insert;

	private final PreparedStatement select;

	private final PreparedStatement scan;

	private final QueryOptions quorum;

	private final QueryOptions one;

	private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

	ClusterWorkload(AsyncSession session, RowStreams streams, PreparedStatement insert, PreparedStatement select,
			PreparedStatement scan, Duration timeout) {
		this.session = session;
		this.streams = streams;
		this.insert = insert;
		this.select = select;
		this.scan = scan;
		this.quorum = options(ConsistencyLevel.QUORUM, timeout);
		this.one = options(ConsistencyLevel.ONE, timeout);
	}

	private static QueryOptions options(ConsistencyLevel level, Duration timeout) {
		return QueryOptions.builder().consistencyLevel(level).idempotent(true).timeout(timeout).build();
	}

	@Override
	public CompletionStage<?> issue(Operation operation, long sequence) {
		return switch (operation) {
			case WRITE_QUORUM -> this.session.execute(this.quorum, this.insert.bind(sequence, "payload-" + sequence))
				.thenRun(() -> this.acknowledged.add(sequence));
			case READ_ONE -> this.session.execute(this.one, this.select.bind(sequence / 2));
			case READ_QUORUM -> this.session.execute(this.quorum, this.select.bind(sequence / 2));
			case STREAM_ONE -> this.streams.read(this.scan.bind(sequence * 7919L * 1_000_003L)
				.setPageSize(STREAM_PAGE_SIZE)
				.setConsistencyLevel(ConsistencyLevel.ONE)
				.setIdempotent(true), STREAM_MAX_PAGES);
		};
	}

	/**
	 * Ids whose {@code QUORUM} write was acknowledged.
	 * @return a live, thread-safe view
	 */
	Set<Long> acknowledged() {
		return this.acknowledged;
	}

}
