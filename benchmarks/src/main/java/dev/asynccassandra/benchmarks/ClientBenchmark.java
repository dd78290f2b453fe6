package dev.asynccassandra.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Closed-loop throughput at a constant number of queries in flight, and latency of one
 * query at a time.
 */
@State(Scope.Benchmark)
public class ClientBenchmark {

	/** Queries started per benchmark invocation. */
	public static final int OPS_PER_INVOCATION = 1024;

	@Param({ "SIMULACRON" })
	public Target target;

	@Param({ "RAW", "ASYNC", "ASYNC_DIRECT", "ASYNC_METRICS", "SPRING_ASYNC", "SPRING_REACTIVE" })
	public Contender contender;

	@Param({ "READ", "WRITE", "PAGE10" })
	public Work work;

	@Param({ "1", "64", "512" })
	public int inFlight;

	private Client client;

	private Semaphore window;

	private final LongAdder failures = new LongAdder();

	@Setup(Level.Trial)
	public void setUp() {
		this.client = Client.create(this.contender, this.work, Targets.session(this.target));
		this.window = new Semaphore(this.inFlight);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		boolean drained = this.window.tryAcquire(this.inFlight, 30, TimeUnit.SECONDS);
		this.client.close();
		if (!drained) {
			throw new IllegalStateException("queries still in flight after 30 s");
		}
		if (this.failures.sum() > 0) {
			throw new IllegalStateException(this.failures.sum() + " queries failed");
		}
	}

	/**
	 * Starts {@link #OPS_PER_INVOCATION} queries, never more than {@code inFlight} at
	 * once; the window stays full across invocations.
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(OPS_PER_INVOCATION)
	public void throughput() throws InterruptedException {
		Semaphore window = this.window;
		for (int i = 0; i < OPS_PER_INVOCATION; i++) {
			if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("no query completed in 10 s");
			}
			this.client.run().whenComplete((rows, failure) -> {
				if (failure != null) {
					this.failures.increment();
				}
				window.release();
			});
		}
	}

	/**
	 * One query at a time, waited for.
	 * @return the rows consumed
	 * @throws Exception if the query fails or takes more than 10 s
	 */
	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public int latency() throws Exception {
		return this.client.run().get(10, TimeUnit.SECONDS);
	}

}
