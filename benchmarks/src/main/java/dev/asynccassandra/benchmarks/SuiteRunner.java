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

	private final List<SuiteResults.Throughput> throughputs = new ArrayList<>();

	private final List<SuiteResults.Latency> latencies = new ArrayList<>();

	private final List<SuiteResults.FixedRate> fixedRates = new ArrayList<>();

	private final List<SuiteResults.Stream> streams = new ArrayList<>();

	private final List<HeapProbe.Result> heaps = new ArrayList<>();

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
		Contender[] contenders = contenders(System.getProperty("bench.contenders", ""));
		for (Target target : this.mode.targets()) {
			runTarget(target, contenders);
		}
		double loadSeconds = (this.mode.streamBlocks() > 0) ? runStreaming() : 0;
		return new SuiteResults(this.throughputs, this.latencies, this.fixedRates, this.streams, this.heaps,
				loadSeconds);
	}

	/**
	 * Every work on one target, block after block. A first block warms every contender up
	 * and is not counted: without it the first contender measured in a fresh JVM reads
	 * several times too slow.
	 */
	private void runTarget(Target target, Contender[] contenders) throws RunnerException {
		Map<Work, Double> rates = new EnumMap<>(Work.class);
		int firstBlock = (this.mode.blocks() > 1) ? -1 : 0;
		for (int block = firstBlock; block < this.mode.blocks(); block++) {
			for (Work work : this.mode.works()) {
				if (block < 0) {
					runWarmUp(target, work, contenders);
					continue;
				}
				runThroughputs(target, work, block, contenders, rates);
				for (int i = 0; i < contenders.length; i++) {
					Contender contender = inTurn(contenders, i, block);
					var statistics = runOne("latency", target, contender, work, 1, false).getPrimaryResult()
						.getStatistics();
					this.latencies.add(new SuiteResults.Latency(target, work, contender, block,
							statistics.getPercentile(50), statistics.getPercentile(99)));
				}
				for (int i = 0; i < contenders.length; i++) {
					Contender contender = inTurn(contenders, i, block);
					this.fixedRates.add(runFixedRate(target, contender, work, block, rates.get(work)));
				}
			}
		}
	}

	private void runWarmUp(Target target, Work work, Contender[] contenders) throws RunnerException {
		for (Contender contender : contenders) {
			runOne("throughput", target, contender, work, maxInFlight(), true);
		}
	}

	/**
	 * Closed-loop throughput of every contender at every in-flight. Records, per work,
	 * the rate of the fixed-rate runs: a share (40%; 5% in smoke mode) of the raw
	 * driver's throughput at the largest in-flight in the first counted block.
	 */
	private void runThroughputs(Target target, Work work, int block, Contender[] contenders, Map<Work, Double> rates)
			throws RunnerException {
		for (int inFlight : this.mode.inFlights()) {
			for (int i = 0; i < contenders.length; i++) {
				Contender contender = inTurn(contenders, i, block);
				RunResult result = runOne("throughput", target, contender, work, inFlight, true);
				double score = result.getPrimaryResult().getScore();
				if (contender == Contender.RAW && inFlight == maxInFlight()) {
					rates.putIfAbsent(work, score * this.mode.fixedRateShare());
				}
				Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
				this.throughputs.add(new SuiteResults.Throughput(target, work, inFlight, contender, block, score,
						(alloc != null) ? alloc.getScore() : Double.NaN));
			}
		}
	}

	private int maxInFlight() {
		return this.mode.inFlights().stream().mapToInt(Integer::intValue).max().orElse(1);
	}

	/** The contenders in a different order in every block. */
	private static <T> T inTurn(T[] contenders, int i, int block) {
		return contenders[Math.floorMod(i + block, contenders.length)];
	}

	/**
	 * Streaming throughput in interleaved blocks, then (if the mode asks for it) the peak
	 * heap of every stream contender in child JVMs.
	 * @return seconds spent loading the stream data
	 */
	private double runStreaming() throws RunnerException, IOException {
		CqlSession session = Targets.session(Target.EMBEDDED);
		double loadSeconds = StreamData.ensure(session, 1);
		StreamContender[] streamContenders = StreamContender.values();
		for (int block = 0; block < this.mode.streamBlocks(); block++) {
			for (int i = 0; i < streamContenders.length; i++) {
				StreamContender contender = inTurn(streamContenders, i, block);
				RunResult result = runStream(contender);
				Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
				this.streams.add(new SuiteResults.Stream(contender, block, result.getPrimaryResult().getScore(),
						(alloc != null) ? alloc.getScore() : Double.NaN));
			}
		}
		if (this.mode.streamHeap()) {
			loadSeconds += StreamData.ensure(session, StreamData.HEAP_PARTITIONS);
			runHeapProbes(session, streamContenders);
		}
		return loadSeconds;
	}

	private void runHeapProbes(CqlSession session, StreamContender[] streamContenders) throws IOException {
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
				this.heaps.add(heap);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
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
		ChainedOptionsBuilder options = jmhOptions(StreamBenchmark.class.getName() + ".stream$")
			.param("contender", contender.name())
			.addProfiler(GCProfiler.class);
		RunResult result = runSingle(options, "stream " + contender);
		System.out.printf("stream EMBEDDED %s: %.1f %s%n", contender, result.getPrimaryResult().getScore(),
				result.getPrimaryResult().getScoreUnit());
		return result;
	}

	private RunResult runOne(String method, Target target, Contender contender, Work work, int inFlight,
			boolean allocation) throws RunnerException {
		ChainedOptionsBuilder options = jmhOptions(ClientBenchmark.class.getName() + "." + method + "$")
			.param("target", target.name())
			.param("contender", contender.name())
			.param("work", work.name())
			.param("inFlight", Integer.toString(inFlight));
		if (allocation) {
			options.addProfiler(GCProfiler.class);
		}
		RunResult result = runSingle(options, method + " " + contender + " " + work + " in-flight " + inFlight);
		System.out.printf("%s %s %s %s in-flight %d: %.1f %s%n", method, target, work, contender, inFlight,
				result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreUnit());
		return result;
	}

	/** In this JVM, one thread, the mode's iterations. */
	private ChainedOptionsBuilder jmhOptions(String include) {
		TimeValue iteration = TimeValue.milliseconds(this.mode.iterationMillis());
		return new OptionsBuilder().include(include)
			.forks(0)
			.threads(1)
			.warmupIterations(this.mode.warmupIterations())
			.warmupTime(iteration)
			.measurementIterations(this.mode.measurementIterations())
			.measurementTime(iteration)
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT);
	}

	private static RunResult runSingle(ChainedOptionsBuilder options, String description) throws RunnerException {
		Collection<RunResult> results = new Runner(options.build()).run();
		if (results.size() != 1) {
			throw new IllegalStateException("expected one result for " + description + ", got " + results.size());
		}
		return results.iterator().next();
	}

}
