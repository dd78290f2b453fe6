package dev.asynccassandra.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.datastax.oss.driver.api.core.CqlSession;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the suite in this JVM (JMH without forks, so that all contenders are measured in
 * one run, in interleaved blocks) and writes markdown tables.
 * <p>
 * Usage: {@code SuiteRunner smoke|quick|alloc|embedded|stream|full [output directory]};
 * {@code -Dbench.contenders=RAW,ASYNC} measures only some contenders.
 */
public final class SuiteRunner {

	private final SuiteMode mode;

	private SuiteRunner(SuiteMode mode) {
		this.mode = mode;
	}

	/**
	 * Runs the suite and writes {@code benchmarks-<mode>.md} to the output directory.
	 * @param args the mode and the output directory (default {@code target})
	 * @throws Exception if a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		String name = (args.length > 0) ? args[0] : "quick";
		Path directory = Path.of((args.length > 1) ? args[1] : "target");
		long start = System.nanoTime();
		SuiteResults results;
		try {
			results = run(SuiteMode.named(name));
		}
		finally {
			Targets.closeAll();
		}
		String markdown = results.markdown(name, (System.nanoTime() - start) / 1_000_000_000L);
		Files.createDirectories(directory);
		Path file = directory.resolve("benchmarks-" + name + ".md");
		Files.writeString(file, markdown);
		System.out.println(markdown);
		System.out.println("Written to " + file.toAbsolutePath());
		System.exit(0);
	}

	/**
	 * Runs every measurement of a mode.
	 * @param mode the mode
	 * @return the results
	 * @throws RunnerException if a benchmark fails
	 * @throws IOException never in practice
	 */
	public static SuiteResults run(SuiteMode mode) throws RunnerException, IOException {
		return new SuiteRunner(mode).runAll();
	}

	private SuiteResults runAll() throws RunnerException, IOException {
		List<SuiteResults.Throughput> throughputs = new ArrayList<>();
		List<SuiteResults.Latency> latencies = new ArrayList<>();
		Contender[] contenders = contenders(System.getProperty("bench.contenders", ""));
		List<SuiteResults.FixedRate> fixedRates = new ArrayList<>();
		int maxInFlight = this.mode.inFlights().stream().mapToInt(Integer::intValue).max().orElse(1);
		for (Target target : this.mode.targets()) {
			// Per work, the rate of the fixed-rate runs: a share (40%; 5% in
			// smoke mode) of the raw driver's closed-loop throughput at the
			// largest in-flight in the first counted block (the warm-up block
			// measures a cold JVM).
			Map<Work, Double> rates = new EnumMap<>(Work.class);
			// A first block warms every contender up and is not counted: without it the
			// first contender measured in a fresh JVM reads several times too slow.
			int firstBlock = (this.mode.blocks() > 1) ? -1 : 0;
			for (int block = firstBlock; block < this.mode.blocks(); block++) {
				boolean counted = block >= 0;
				for (Work work : this.mode.works()) {
					for (int inFlight : counted ? this.mode.inFlights() : List.of(maxInFlight)) {
						for (int i = 0; i < contenders.length; i++) {
							Contender contender = contenders[Math.floorMod(i + block, contenders.length)];
							RunResult result = runOne("throughput", target, contender, work, inFlight, true);
							if (counted && contender == Contender.RAW && inFlight == maxInFlight) {
								rates.putIfAbsent(work,
										result.getPrimaryResult().getScore() * this.mode.fixedRateShare());
							}
							if (!counted) {
								continue;
							}
							Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
							throughputs.add(new SuiteResults.Throughput(target, work, inFlight, contender, block,
									result.getPrimaryResult().getScore(),
									(alloc != null) ? alloc.getScore() : Double.NaN));
						}
					}
					if (!counted) {
						continue;
					}
					for (int i = 0; i < contenders.length; i++) {
						Contender contender = contenders[Math.floorMod(i + block, contenders.length)];
						RunResult result = runOne("latency", target, contender, work, 1, false);
						var statistics = result.getPrimaryResult().getStatistics();
						latencies.add(new SuiteResults.Latency(target, work, contender, block,
								statistics.getPercentile(50), statistics.getPercentile(99)));
					}
					for (int i = 0; i < contenders.length; i++) {
						Contender contender = contenders[Math.floorMod(i + block, contenders.length)];
						fixedRates.add(runFixedRate(target, contender, work, block, rates.get(work)));
					}
				}
			}
		}
		List<SuiteResults.Stream> streams = new ArrayList<>();
		List<HeapProbe.Result> heaps = new ArrayList<>();
		double loadSeconds = 0;
		if (this.mode.streamBlocks() > 0) {
			CqlSession session = Targets.session(Target.EMBEDDED);
			loadSeconds += StreamData.ensure(session, 1);
			StreamContender[] streamContenders = StreamContender.values();
			for (int block = 0; block < this.mode.streamBlocks(); block++) {
				for (int i = 0; i < streamContenders.length; i++) {
					StreamContender contender = streamContenders[(i + block) % streamContenders.length];
					RunResult result = runStream(contender);
					Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
					streams.add(new SuiteResults.Stream(contender, block, result.getPrimaryResult().getScore(),
							(alloc != null) ? alloc.getScore() : Double.NaN));
				}
			}
			if (this.mode.streamHeap()) {
				loadSeconds += StreamData.ensure(session, StreamData.HEAP_PARTITIONS);
				List<String> probes = new ArrayList<>();
				for (StreamContender contender : streamContenders) {
					probes.add(contender.name());
				}
				probes.add(HeapProbe.COLLECT_ALL);
				for (String contender : probes) {
					try {
						HeapProbe.Result heap = HeapProbe.measure(contender, session,
								(long) StreamData.HEAP_PARTITIONS * StreamData.ROWS_PER_PARTITION);
						System.out.println("heap " + heap);
						heaps.add(heap);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("interrupted", ex);
					}
				}
			}
		}
		return new SuiteResults(throughputs, latencies, fixedRates, streams, heaps, loadSeconds);
	}

	/**
	 * The contenders to measure.
	 * @param names comma-separated contender names, or blank for all ({@code RAW} is
	 * added when missing: every ratio needs it)
	 * @return the contenders
	 * @throws IllegalArgumentException if a name is not a contender
	 */
	static Contender[] contenders(String names) {
		if (names.isBlank()) {
			return Contender.values();
		}
		Set<Contender> selected = EnumSet.of(Contender.RAW);
		for (String name : names.split(",")) {
			try {
				selected.add(Contender.valueOf(name.trim()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"bench.contenders: '" + name.trim() + "' is not one of " + Arrays.toString(Contender.values()),
						ex);
			}
		}
		return selected.toArray(Contender[]::new);
	}

	private SuiteResults.FixedRate runFixedRate(Target target, Contender contender, Work work, int block, double rate) {
		Duration warmup = Duration.ofMillis(this.mode.iterationMillis());
		Duration measurement = Duration.ofMillis(2L * this.mode.iterationMillis());
		FixedRateLatency.Measurement measured;
		try (Client client = Client.create(contender, work, Targets.session(target))) {
			measured = FixedRateLatency.measure(client, rate, warmup, measurement);
		}
		Histogram histogram = measured.latencies();
		SuiteResults.FixedRate result = new SuiteResults.FixedRate(target, work, contender, block, rate,
				measured.sustained(), histogram.getTotalCount(), micros(histogram.getValueAtPercentile(50)),
				micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
				micros(histogram.getMaxValue()));
		System.out.printf("fixed rate %s %s %s at %.0f/s: %s p50 %.1f us, p99 %.1f us%n", target, work, contender, rate,
				measured.sustained() ? "" : "NOT SUSTAINED", result.p50Micros(), result.p99Micros());
		return result;
	}

	private static double micros(long nanos) {
		return nanos / 1000d;
	}

	private RunResult runStream(StreamContender contender) throws RunnerException {
		TimeValue iteration = TimeValue.milliseconds(this.mode.iterationMillis());
		ChainedOptionsBuilder options = new OptionsBuilder().include(StreamBenchmark.class.getName() + ".stream$")
			.param("contender", contender.name())
			.forks(0)
			.threads(1)
			.warmupIterations(this.mode.warmupIterations())
			.warmupTime(iteration)
			.measurementIterations(this.mode.measurementIterations())
			.measurementTime(iteration)
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT)
			.addProfiler(GCProfiler.class);
		Collection<RunResult> results = new Runner(options.build()).run();
		if (results.size() != 1) {
			throw new IllegalStateException("expected one result for stream " + contender + ", got " + results.size());
		}
		RunResult result = results.iterator().next();
		System.out.printf("stream EMBEDDED %s: %.1f %s%n", contender, result.getPrimaryResult().getScore(),
				result.getPrimaryResult().getScoreUnit());
		return result;
	}

	private RunResult runOne(String method, Target target, Contender contender, Work work, int inFlight,
			boolean allocation) throws RunnerException {
		TimeValue iteration = TimeValue.milliseconds(this.mode.iterationMillis());
		ChainedOptionsBuilder options = new OptionsBuilder()
			.include(ClientBenchmark.class.getName() + "." + method + "$")
			.param("target", target.name())
			.param("contender", contender.name())
			.param("work", work.name())
			.param("inFlight", Integer.toString(inFlight))
			.forks(0)
			.threads(1)
			.warmupIterations(this.mode.warmupIterations())
			.warmupTime(iteration)
			.measurementIterations(this.mode.measurementIterations())
			.measurementTime(iteration)
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT);
		if (allocation) {
			options.addProfiler(GCProfiler.class);
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		if (results.size() != 1) {
			throw new IllegalStateException("expected one result for " + method + " " + contender + " " + work
					+ " in-flight " + inFlight + ", got " + results.size());
		}
		RunResult result = results.iterator().next();
		System.out.printf("%s %s %s %s in-flight %d: %.1f %s%n", method, target, work, contender, inFlight,
				result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreUnit());
		return result;
	}

}
