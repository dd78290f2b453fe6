package dev.asynccassandra.failure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Thread-safe record of outcomes: successes per phase and operation, failures per phase
 * and failure type, and when each phase saw its first success of each operation.
 */
final class LoadLedger {

	private final List<String> phases = new CopyOnWriteArrayList<>();

	private final ConcurrentMap<String, ConcurrentMap<Operation, LongAdder>> successes = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> failures = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, ConcurrentMap<Operation, Long>> firstSuccessNanos = new ConcurrentHashMap<>();

	/**
	 * Declares a phase so that it is listed (in order) even without any outcome.
	 * @param phase the phase name
	 */
	void declare(String phase) {
		if (!this.phases.contains(phase)) {
			this.phases.add(phase);
		}
	}

	void recordSuccess(String phase, Operation operation, long nanoTime) {
		declare(phase);
		this.successes.computeIfAbsent(phase, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(operation, (key) -> new LongAdder())
			.increment();
		this.firstSuccessNanos.computeIfAbsent(phase, (key) -> new ConcurrentHashMap<>())
			.merge(operation, nanoTime, Math::min);
	}

	void recordFailure(String phase, Throwable failure) {
		declare(phase);
		this.failures.computeIfAbsent(phase, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(FailureNames.nameOf(failure), (key) -> new LongAdder())
			.increment();
	}

	List<String> phases() {
		return List.copyOf(this.phases);
	}

	long successes(String phase, Operation operation) {
		LongAdder adder = this.successes.getOrDefault(phase, new ConcurrentHashMap<>()).get(operation);
		return (adder != null) ? adder.sum() : 0;
	}

	long successes(String phase) {
		long total = 0;
		for (Operation operation : Operation.values()) {
			total += successes(phase, operation);
		}
		return total;
	}

	/**
	 * Failures of a phase by type, sorted by type name.
	 * @param phase the phase
	 * @return the counts
	 */
	Map<String, Long> failures(String phase) {
		Map<String, Long> counts = new TreeMap<>();
		this.failures.getOrDefault(phase, new ConcurrentHashMap<>())
			.forEach((type, adder) -> counts.put(type, adder.sum()));
		return counts;
	}

	long failureCount(String phase) {
		return failures(phase).values().stream().mapToLong(Long::longValue).sum();
	}

	Set<String> failureTypes(String phase) {
		return failures(phase).keySet();
	}

	@Nullable Long firstSuccessNanos(String phase, Operation operation) {
		return this.firstSuccessNanos.getOrDefault(phase, new ConcurrentHashMap<>()).get(operation);
	}

}
