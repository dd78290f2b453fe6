package dev.asynccassandra.benchmarks;

import java.util.List;

/**
 * How much of the suite runs and for how long.
 *
 * @param targets the targets
 * @param works the works
 * @param inFlights the in-flight levels of the closed loop
 * @param blocks interleaved blocks (each runs every contender once)
 * @param warmupIterations warm-up iterations per measurement
 * @param measurementIterations measured iterations per measurement
 * @param iterationMillis length of one iteration
 * @param streamBlocks interleaved blocks of the streaming benchmark on the embedded node
 * ({@code 0}: no streaming)
 * @param streamHeap whether to measure the peak heap of 1,000,000 streamed rows in child
 * JVMs
 * @param fixedRateShare the arrival rate of the fixed-rate latency runs, as a share of
 * the raw driver's closed-loop throughput at the largest in-flight (0.4: at half, the raw
 * driver itself fell behind on 2 cores, 20,000 writes queued at 160,000/s)
 */
public record SuiteMode(List<Target> targets, List<Work> works, List<Integer> inFlights, int blocks,
		int warmupIterations, int measurementIterations, int iterationMillis, int streamBlocks, boolean streamHeap,
		double fixedRateShare) {

	/**
	 * The mode with the given name.
	 * @param name {@code smoke}, {@code quick} (Simulacron, read, in-flight 64 and 512,
	 * under 5 minutes), {@code alloc} (Simulacron, in-flight 64 only, for allocation per
	 * query), {@code embedded} (read on the embedded Cassandra, closed loop at in-flight
	 * 1, 64 and 512), {@code stream} (streaming on the embedded Cassandra: rows per
	 * second and peak heap) or {@code full} (both targets, every work, in-flight 64 and
	 * 512, 5 blocks, and streaming; in-flight 1 is covered by the latency runs)
	 * @return the mode
	 */
	public static SuiteMode named(String name) {
		return switch (name) {
			case "smoke" -> new SuiteMode(List.of(Target.SIMULACRON), List.of(Work.values()), List.of(1, 64), 1, 0, 1,
					100, 0, false, 0.05);
			case "quick" -> new SuiteMode(List.of(Target.SIMULACRON), List.of(Work.READ), List.of(64, 512), 3, 1, 2,
					1000, 0, false, 0.4);
			case "alloc" -> new SuiteMode(List.of(Target.SIMULACRON), List.of(Work.READ), List.of(64), 3, 2, 3, 1000, 0,
					false, 0.4);
			case "embedded" -> new SuiteMode(List.of(Target.EMBEDDED), List.of(Work.READ), List.of(1, 64, 512), 3, 1, 2,
					1000, 0, false, 0.4);
			case "full" -> new SuiteMode(List.of(Target.SIMULACRON, Target.EMBEDDED), List.of(Work.values()),
					List.of(64, 512), 5, 1, 2, 1000, 5, true, 0.4);
			case "stream" -> new SuiteMode(List.of(), List.of(), List.of(), 0, 1, 2, 2000, 5, true, 0.4);
			default -> throw new IllegalArgumentException(
					"mode must be smoke, quick, alloc, embedded, stream or full: " + name);
		};
	}

}
