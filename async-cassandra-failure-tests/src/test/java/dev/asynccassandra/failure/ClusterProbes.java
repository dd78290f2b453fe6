package dev.asynccassandra.failure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import dev.asynccassandra.api.AsyncResult;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.QueryOptions;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Probes of the cluster's state through an application's {@link AsyncSession}, outside
 * the load: one read at a chosen consistency level, and bounded waits for every node UP
 * in the session and for reads at {@code ALL} to succeed.
 */
final class ClusterProbes {

	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	private final AsyncSession session;

	private final SimpleStatement probe;

	private final Duration bound;

	/**
	 * Creates probes.
	 * @param session the application's session
	 * @param probe a single-partition read of a table of the RF 3 keyspace
	 * @param bound the bound on each wait
	 */
	ClusterProbes(AsyncSession session, SimpleStatement probe, Duration bound) {
		this.session = session;
		this.probe = probe;
		this.bound = bound;
	}

	/**
	 * Reads once at a consistency level.
	 * @param level the consistency level
	 * @return the failure, or {@code null} if the read succeeded
	 */
	@Nullable Throwable read(ConsistencyLevel level) {
		return read(this.probe, level);
	}

	private @Nullable Throwable read(SimpleStatement statement, ConsistencyLevel level) {
		CompletableFuture<AsyncResult> read = this.session.execute(
				QueryOptions.builder().consistencyLevel(level).timeout(PROBE_TIMEOUT).idempotent(true).build(),
				statement);
		try {
			read.get(PROBE_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (Exception ex) {
			return FailureNames.unwrap(ex);
		}
	}

	/**
	 * Waits until a read at the level fails because too few replicas are alive.
	 * @param level the consistency level
	 */
	void awaitUnavailable(ConsistencyLevel level) {
		await().atMost(this.bound).pollInterval(Duration.ofMillis(100)).until(() -> isUnavailable(read(level)));
	}

	/**
	 * Waits until the session sees every node of the cluster UP.
	 * @param nodes the number of nodes
	 */
	void awaitAllUp(int nodes) {
		await().atMost(this.bound)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.session.cqlSession()
				.getMetadata()
				.getNodes()
				.values()
				.stream()
				.filter((node) -> node.getState() == NodeState.UP)
				.count() == nodes);
	}

	/**
	 * Waits until a read at ALL succeeds with each node of the cluster as coordinator, so
	 * that every node serves the probe's table both as coordinator and as replica: a new
	 * table can reach a node a moment after the driver reported schema agreement (seen in
	 * CI as unconfigured-table and read failures at the start of the load).
	 */
	void awaitEveryCoordinatorServes() {
		for (Node node : this.session.cqlSession().getMetadata().getNodes().values()) {
			SimpleStatement onNode = this.probe.setNode(node);
			await().atMost(this.bound)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> read(onNode, ConsistencyLevel.ALL) == null);
		}
	}

	/**
	 * Waits until three reads in a row at ALL succeed, so that the coordinators the
	 * driver picks in turn all see every replica alive.
	 */
	void awaitAllSucceeds() {
		AtomicInteger streak = new AtomicInteger();
		await().atMost(this.bound).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (read(ConsistencyLevel.ALL) == null) {
				return streak.incrementAndGet() >= 3;
			}
			streak.set(0);
			return false;
		});
	}

	/**
	 * Whether a failure says that too few replicas are alive: Unavailable itself, or
	 * {@code AllNodesFailedException} holding it when the retry found no other node.
	 * @param failure the failure, or {@code null}
	 * @return whether it is Unavailable
	 */
	static boolean isUnavailable(@Nullable Throwable failure) {
		if (failure instanceof UnavailableException) {
			return true;
		}
		return failure instanceof AllNodesFailedException allFailed && allFailed.getAllErrors()
			.values()
			.stream()
			.flatMap(List::stream)
			.anyMatch(UnavailableException.class::isInstance);
	}

}
