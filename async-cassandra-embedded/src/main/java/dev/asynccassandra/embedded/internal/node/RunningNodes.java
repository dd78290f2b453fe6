package dev.asynccassandra.embedded.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Nodes started by this JVM and not yet stopped. A JVM shutdown hook, registered with the
 * first node, stops them all so that no node outlives a normal JVM exit.
 */
final class RunningNodes {

	private static final Set<CassandraNode> nodes = ConcurrentHashMap.newKeySet();

	private static final AtomicBoolean hookRegistered = new AtomicBoolean();

	private RunningNodes() {
	}

	static void add(CassandraNode node) {
		if (hookRegistered.compareAndSet(false, true)) {
			Runtime.getRuntime().addShutdownHook(new Thread(RunningNodes::stopAll, "embedded-cassandra-shutdown"));
		}
		nodes.add(node);
	}

	static void remove(CassandraNode node) {
		nodes.remove(node);
	}

	/**
	 * Stops every registered node: signals all first, then waits for each within its
	 * bounds.
	 */
	static void stopAll() {
		List<CassandraNode> running = new ArrayList<>(nodes);
		running.forEach(CassandraNode::signalStop);
		running.forEach(CassandraNode::stopWithoutLock);
	}

}
