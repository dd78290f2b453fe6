package dev.asynccassandra.failure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of a run as plain text: per phase the successful operations by kind and the
 * failures by type, then the measured times and the write check.
 */
final class FiguresTable {

	private final Map<String, Duration> timings = new LinkedHashMap<>();

	private final Map<String, String> totals = new LinkedHashMap<>();

	void timing(String name, Duration duration) {
		this.timings.put(name, duration);
	}

	/**
	 * Records the median and the longest of some call latencies, as two timings.
	 * @param name what the calls were
	 * @param nanos each call's latency, at least one
	 */
	void latencies(String name, List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		timing(name + ", median", Duration.ofNanos(sorted.get(sorted.size() / 2)));
		timing(name + ", max", Duration.ofNanos(sorted.get(sorted.size() - 1)));
	}

	void total(String name, Object value) {
		this.totals.put(name, String.valueOf(value));
	}

	String render(LoadLedger ledger) {
		StringBuilder text = new StringBuilder();
		String header = String.format("%-16s %8s %8s %8s %8s %8s  %s", "phase", "ok", "w-quorum", "r-one", "r-quorum",
				"stream", "failures by type");
		text.append(header).append('\n');
		text.append("-".repeat(header.length() + 20)).append('\n');
		for (String phase : ledger.phases()) {
			Map<String, Long> failures = ledger.failures(phase);
			String failureText = failures.isEmpty() ? "-"
					: failures.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + "=" + entry.getValue())
						.collect(Collectors.joining(", "));
			text.append(String.format("%-16s %8d %8d %8d %8d %8d  %s", phase, ledger.successes(phase),
					ledger.successes(phase, Operation.WRITE_QUORUM), ledger.successes(phase, Operation.READ_ONE),
					ledger.successes(phase, Operation.READ_QUORUM), ledger.successes(phase, Operation.STREAM_ONE),
					failureText))
				.append('\n');
		}
		appendTimingsAndTotals(text);
		return text.toString();
	}

	/**
	 * The figures of the sample-service load ({@link HttpWorkload}): per phase the
	 * requests, the 2xx answers (all, then ingests, latest reads and exports), the 5xx
	 * answers, the client timeouts, and the failures by name; then the timings and
	 * totals.
	 * @param ledger the outcomes
	 * @return the table
	 */
	String renderHttp(LoadLedger ledger) {
		StringBuilder text = new StringBuilder();
		String header = String.format("%-16s %8s %8s %8s %8s %8s %8s %8s  %s", "phase", "requests", "2xx", "ingest",
				"latest", "export", "5xx", "timeouts", "failures by status (and Cassandra exception)");
		text.append(header).append('\n');
		text.append("-".repeat(header.length() + 10)).append('\n');
		for (String phase : ledger.phases()) {
			Map<String, Long> failures = ledger.failures(phase);
			long fivexx = failures.entrySet()
				.stream()
				.filter((entry) -> HttpFailure.is5xx(entry.getKey()))
				.mapToLong(Map.Entry::getValue)
				.sum();
			String failureText = failures.isEmpty() ? "-"
					: failures.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + "=" + entry.getValue())
						.collect(Collectors.joining(", "));
			long ok = ledger.successes(phase);
			text.append(String.format("%-16s %8d %8d %8d %8d %8d %8d %8d  %s", phase, ok + ledger.failureCount(phase),
					ok, ledger.successes(phase, Operation.WRITE_QUORUM),
					ledger.successes(phase, Operation.READ_ONE) + ledger.successes(phase, Operation.READ_QUORUM),
					ledger.successes(phase, Operation.STREAM_ONE), fivexx,
					failures.getOrDefault(HttpFailure.CLIENT_TIMEOUT, 0L), failureText))
				.append('\n');
		}
		appendTimingsAndTotals(text);
		return text.toString();
	}

	private void appendTimingsAndTotals(StringBuilder text) {
		this.timings
			.forEach((name, duration) -> text.append(String.format("%-52s %8d ms%n", name, duration.toMillis())));
		this.totals.forEach((name, value) -> text.append(String.format("%-52s %8s%n", name, value)));
	}

}
