package dev.asynccassandra.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Everything one suite run measured, and its markdown tables.
 *
 * @param throughputs closed-loop results, one per block and contender
 * @param latencies one-at-a-time latency results, one per block and contender
 * @param fixedRates open-loop latency results at a fixed rate, one per block and
 * contender
 * @param streams streaming results, one per block and contender
 * @param heaps peak heap of the streaming contenders, one per contender
 * @param loadSeconds time this run spent loading the streaming table ({@code 0} when it
 * was already loaded)
 */
public record SuiteResults(List<Throughput> throughputs, List<Latency> latencies, List<FixedRate> fixedRates,
		List<Stream> streams, List<HeapProbe.Result> heaps, double loadSeconds) {

	/**
	 * One streaming measurement: every row of one 100,000-row partition of the embedded
	 * node.
	 *
	 * @param contender the contender
	 * @param block the interleaved block
	 * @param rowsPerSecond rows per second
	 * @param bytesPerRow bytes allocated per row ({@code gc.alloc.rate.norm})
	 */
	public record Stream(StreamContender contender, int block, double rowsPerSecond, double bytesPerRow) {
	}

	/**
	 * One closed-loop measurement.
	 *
	 * @param target the target
	 * @param work the work
	 * @param inFlight queries in flight
	 * @param contender the contender
	 * @param block the interleaved block
	 * @param opsPerSecond queries per second
	 * @param bytesPerOp bytes allocated per query ({@code gc.alloc.rate.norm})
	 */
	public record Throughput(Target target, Work work, int inFlight, Contender contender, int block,
			double opsPerSecond, double bytesPerOp) {
	}

	/**
	 * One latency measurement at one query in flight.
	 *
	 * @param target the target
	 * @param work the work
	 * @param contender the contender
	 * @param block the interleaved block
	 * @param p50Micros the median in microseconds
	 * @param p99Micros the 99th percentile in microseconds
	 */
	public record Latency(Target target, Work work, Contender contender, int block, double p50Micros,
			double p99Micros) {
	}

	/**
	 * Latency at a fixed arrival rate, corrected for coordinated omission.
	 *
	 * @param target the target
	 * @param work the work
	 * @param contender the contender
	 * @param block the interleaved block
	 * @param ratePerSecond queries started per second
	 * @param sustained whether the contender kept up with the rate (if not, the run
	 * stopped early and its percentiles are left out)
	 * @param queries queries recorded
	 * @param p50Micros the median in microseconds
	 * @param p99Micros the 99th percentile in microseconds
	 * @param p999Micros the 99.9th percentile in microseconds
	 * @param maxMicros the largest in microseconds
	 */
	public record FixedRate(Target target, Work work, Contender contender, int block, double ratePerSecond,
			boolean sustained, long queries, double p50Micros, double p99Micros, double p999Micros, double maxMicros) {
	}

	/**
	 * The results as markdown tables.
	 * @param mode the mode name
	 * @param seconds how long the suite ran
	 * @return the markdown
	 */
	public String markdown(String mode, long seconds) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "Mode `%s`, %d s, %d cores, JDK %s.%n%n", mode, seconds,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
		for (Target target : Target.values()) {
			for (Work work : Work.values()) {
				appendThroughput(out, target, work);
				appendLatency(out, target, work);
				appendFixedRate(out, target, work);
			}
		}
		appendStreams(out);
		appendHeaps(out);
		return out.toString();
	}

	private void appendStreams(StringBuilder out) {
		if (this.streams.isEmpty()) {
			return;
		}
		out.append(String.format(Locale.ROOT,
				"### Streaming, EMBEDDED, %,d rows of one partition, page size %,d (one stream per invocation)%n%n",
				StreamBenchmark.ROWS, StreamBenchmark.PAGE_SIZE));
		out.append("| contender | rows/s (median) | ratio to RAW (median, min-max) | B/row | extra B/row vs RAW |\n");
		out.append("|---|---:|---|---:|---:|\n");
		List<Stream> raw = selectStreams(StreamContender.RAW);
		for (StreamContender contender : StreamContender.values()) {
			List<Stream> rows = selectStreams(contender);
			if (rows.isEmpty()) {
				continue;
			}
			List<Double> ratios = new ArrayList<>();
			for (Stream row : rows) {
				for (Stream base : raw) {
					if (base.block() == row.block()) {
						ratios.add(row.rowsPerSecond() / base.rowsPerSecond());
					}
				}
			}
			double[] values = ratios.stream().mapToDouble(Double::doubleValue).toArray();
			double bytes = median(rows, Stream::bytesPerRow);
			out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.3f (%.3f-%.3f) | %.1f | %+.1f |%n", contender,
					median(rows, Stream::rowsPerSecond), median(values), min(values), max(values), bytes,
					bytes - median(raw, Stream::bytesPerRow)));
		}
		out.append('\n');
	}

	private List<Stream> selectStreams(StreamContender contender) {
		return this.streams.stream().filter((s) -> s.contender() == contender).toList();
	}

	private void appendHeaps(StringBuilder out) {
		if (this.heaps.isEmpty()) {
			return;
		}
		out.append(String.format(Locale.ROOT,
				"### Streaming peak heap, EMBEDDED, %,d rows, child JVM -Xmx%s, slow consumer (%d ms pause per %,d rows)%n%n",
				(long) StreamData.HEAP_PARTITIONS * StreamData.ROWS_PER_PARTITION, HeapProbe.MAX_HEAP,
				HeapProbe.PAUSE_MILLIS, HeapProbe.PAUSE_EVERY_ROWS));
		out.append("| contender | completed | rows | s | rows/s | heap before stream MiB "
				+ "| peak heap after GC MiB | sum of heap pool peaks MiB | GCs |\n");
		out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		double mib = 1024 * 1024;
		for (HeapProbe.Result heap : this.heaps) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %,.0f | %.1f | %.1f | %.1f | %d |%n",
					heap.contender().equals(HeapProbe.COLLECT_ALL) ? "control: collect every row (ASYNC)"
							: heap.contender(),
					heap.completed() ? "yes" : "NO: " + heap.failure(), heap.rows(), heap.seconds(),
					(heap.seconds() > 0) ? heap.rows() / heap.seconds() : 0, heap.baselineBytes() / mib,
					heap.peakAfterGcBytes() / mib, heap.peakUsedBytes() / mib, heap.collections()));
		}
		if (this.loadSeconds > 0) {
			out.append(
					String.format(Locale.ROOT, "%nThis run loaded the streaming table in %.1f s.%n", this.loadSeconds));
		}
		out.append('\n');
	}

	private void appendThroughput(StringBuilder out, Target target, Work work) {
		List<Integer> inFlights = this.throughputs.stream()
			.filter((t) -> t.target() == target && t.work() == work)
			.map(Throughput::inFlight)
			.distinct()
			.sorted()
			.toList();
		if (inFlights.isEmpty()) {
			return;
		}
		out.append(String.format(Locale.ROOT, "### Throughput, %s, %s (closed loop)%n%n", target, work));
		out.append(
				"| in-flight | contender | ops/s (median) | ratio to RAW (median, min-max) | B/op | extra B/op vs RAW |\n");
		out.append("|---:|---|---:|---|---:|---:|\n");
		for (int inFlight : inFlights) {
			List<Throughput> raw = select(target, work, inFlight, Contender.RAW);
			for (Contender contender : Contender.values()) {
				List<Throughput> rows = select(target, work, inFlight, contender);
				if (rows.isEmpty()) {
					continue;
				}
				double[] ratios = ratios(rows, raw, Throughput::opsPerSecond);
				double bytes = median(rows, Throughput::bytesPerOp);
				out.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %.3f (%.3f-%.3f) | %.0f | %+.0f |%n",
						inFlight, contender, median(rows, Throughput::opsPerSecond), median(ratios), min(ratios),
						max(ratios), bytes, bytes - median(raw, Throughput::bytesPerOp)));
			}
			List<Throughput> on = select(target, work, inFlight, Contender.ASYNC_METRICS);
			List<Throughput> off = select(target, work, inFlight, Contender.ASYNC);
			if (!on.isEmpty() && !off.isEmpty()) {
				double[] ratios = ratios(on, off, Throughput::opsPerSecond);
				out.append(String.format(Locale.ROOT, "| %d | metrics on / off | | %.3f (%.3f-%.3f) | | |%n", inFlight,
						median(ratios), min(ratios), max(ratios)));
			}
		}
		out.append('\n');
	}

	private void appendLatency(StringBuilder out, Target target, Work work) {
		List<Latency> raw = this.latencies.stream()
			.filter((l) -> l.target() == target && l.work() == work && l.contender() == Contender.RAW)
			.toList();
		if (raw.isEmpty()) {
			return;
		}
		out.append(String.format(Locale.ROOT, "### Latency, %s, %s (one query in flight, JMH SampleTime)%n%n", target,
				work));
		out.append("| contender | p50 us | p99 us | added p50 us | added p99 us |\n");
		out.append("|---|---:|---:|---:|---:|\n");
		double rawP50 = median(raw, Latency::p50Micros);
		double rawP99 = median(raw, Latency::p99Micros);
		for (Contender contender : Contender.values()) {
			List<Latency> rows = this.latencies.stream()
				.filter((l) -> l.target() == target && l.work() == work && l.contender() == contender)
				.toList();
			if (rows.isEmpty()) {
				continue;
			}
			double p50 = median(rows, Latency::p50Micros);
			double p99 = median(rows, Latency::p99Micros);
			out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f | %+.1f |%n", contender, p50, p99,
					p50 - rawP50, p99 - rawP99));
		}
		out.append('\n');
	}

	private void appendFixedRate(StringBuilder out, Target target, Work work) {
		List<FixedRate> raw = selectFixedRates(target, work, Contender.RAW);
		if (raw.isEmpty()) {
			return;
		}
		out.append(String.format(Locale.ROOT,
				"### Latency at a fixed rate, %s, %s (%,.0f queries/s, open loop, corrected for coordinated omission)%n%n",
				target, work, raw.get(0).ratePerSecond()));
		out.append("| contender | p50 us | p99 us | p99.9 us | max us | added p50 us | added p99 us "
				+ "| blocks that kept up |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		double rawP50 = median(sustained(raw), FixedRate::p50Micros);
		double rawP99 = median(sustained(raw), FixedRate::p99Micros);
		for (Contender contender : Contender.values()) {
			List<FixedRate> all = selectFixedRates(target, work, contender);
			if (all.isEmpty()) {
				continue;
			}
			List<FixedRate> rows = sustained(all);
			double p50 = median(rows, FixedRate::p50Micros);
			double p99 = median(rows, FixedRate::p99Micros);
			out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %+.1f | %+.1f | %d of %d |%n",
					contender, p50, p99, median(rows, FixedRate::p999Micros), median(rows, FixedRate::maxMicros),
					p50 - rawP50, p99 - rawP99, rows.size(), all.size()));
		}
		out.append('\n');
	}

	private static List<FixedRate> sustained(List<FixedRate> rows) {
		return rows.stream().filter(FixedRate::sustained).toList();
	}

	private List<FixedRate> selectFixedRates(Target target, Work work, Contender contender) {
		return this.fixedRates.stream()
			.filter((f) -> f.target() == target && f.work() == work && f.contender() == contender)
			.toList();
	}

	private List<Throughput> select(Target target, Work work, int inFlight, Contender contender) {
		return this.throughputs.stream()
			.filter((t) -> t.target() == target && t.work() == work && t.inFlight() == inFlight
					&& t.contender() == contender)
			.toList();
	}

	/** Per-block ratio of one contender to a baseline measured in the same block. */
	private static double[] ratios(List<Throughput> rows, List<Throughput> baseline,
			ToDoubleFunction<Throughput> value) {
		List<Double> ratios = new ArrayList<>();
		for (Throughput row : rows) {
			for (Throughput base : baseline) {
				if (base.block() == row.block()) {
					ratios.add(value.applyAsDouble(row) / value.applyAsDouble(base));
				}
			}
		}
		return ratios.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static <T> double median(List<T> rows, ToDoubleFunction<T> value) {
		return median(rows.stream().mapToDouble(value).toArray());
	}

	private static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElse(Double.NaN);
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElse(Double.NaN);
	}

}
