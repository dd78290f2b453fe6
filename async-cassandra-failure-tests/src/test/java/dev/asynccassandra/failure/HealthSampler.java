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
 * Samples a health indicator's status every 100 ms and records which statuses each phase
 * saw.
 */
final class HealthSampler implements AutoCloseable {

	private final ConcurrentMap<String, Set<String>> statusesByPhase = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "failure-suite-health");
		thread.setDaemon(true);
		return thread;
	});

	HealthSampler(HealthIndicator indicator, Supplier<String> phase) {
		this.scheduler.scheduleWithFixedDelay(() -> {
			String current = phase.get();
			String status = indicator.health(true).getStatus().getCode();
			this.statusesByPhase.computeIfAbsent(current, (key) -> ConcurrentHashMap.newKeySet()).add(status);
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
