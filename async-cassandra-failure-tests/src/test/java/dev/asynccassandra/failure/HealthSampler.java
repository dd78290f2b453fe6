package dev.asynccassandra.failure;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.TreeSet;

import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Samples a health status every 100 ms (a health indicator's, or any other source's) and
 * records which statuses each phase saw.
 */
final class HealthSampler implements AutoCloseable {

	private final ConcurrentMap<String, Set<String>> statusesByPhase = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "failure-suite-health");
		thread.setDaemon(true);
		return thread;
	});

	HealthSampler(HealthIndicator indicator, Supplier<String> phase) {
		this(() -> indicator.health(true).getStatus().getCode(), phase);
	}

	/**
	 * Samples any status source, for example an HTTP health endpoint.
	 * @param status reads the current status; called from one thread, one call at a time
	 * @param phase the current phase
	 */
	HealthSampler(Supplier<String> status, Supplier<String> phase) {
		this.scheduler.scheduleWithFixedDelay(() -> {
			String current = phase.get();
			String code = status.get();
			this.statusesByPhase.computeIfAbsent(current, (key) -> ConcurrentHashMap.newKeySet()).add(code);
		}, 0, 100, TimeUnit.MILLISECONDS);
	}

	Set<String> statuses(String phase) {
		return new TreeSet<>(this.statusesByPhase.getOrDefault(phase, Set.of()));
	}

	Map<String, Set<String>> all() {
		Map<String, Set<String>> all = new TreeMap<>();
		this.statusesByPhase.forEach((phase, statuses) -> all.put(phase, new TreeSet<>(statuses)));
		return all;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
