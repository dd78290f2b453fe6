package dev.asynccassandra.benchmarks;

import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
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
 * Streams one 100,000-row partition of the embedded node per invocation, every contender
 * with the same prepared statement and page size; the score is rows per second and
 * {@code gc.alloc.rate.norm} is bytes allocated per row.
 */
@State(Scope.Benchmark)
public class StreamBenchmark {

	/** Rows streamed per invocation. */
	public static final int ROWS = StreamData.ROWS_PER_PARTITION;

	/** Rows per page asked of Cassandra, for every contender. */
	public static final int PAGE_SIZE = 5000;

	@Param({ "RAW", "ASYNC", "SPRING_REACTIVE" })
	public StreamContender contender;

	private StreamClient client;

	@Setup(Level.Trial)
	public void setUp() {
		CqlSession session = Targets.session(Target.EMBEDDED);
		StreamData.ensure(session, 1);
		this.client = StreamClient.create(this.contender, session,
				session.prepare(StreamData.PARTITION_QUERY).bind(0).setPageSize(PAGE_SIZE), 0, 0);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.client.close();
	}

	/**
	 * Streams the partition once and checks that every row was consumed.
	 * @return the rows consumed
	 * @throws Exception if the stream fails or takes more than 60 s
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(ROWS)
	public long stream() throws Exception {
		long rows = this.client.run().get(60, TimeUnit.SECONDS);
		if (rows != ROWS) {
			throw new IllegalStateException("streamed " + rows + " rows, expected " + ROWS);
		}
		return rows;
	}

}
