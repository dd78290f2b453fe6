package dev.asynccassandra.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.junit.EmbeddedCassandraTest;
import dev.asynccassandra.embedded.api.junit.EmbeddedKeyspace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One million rows streamed by a consumer in a child JVM with a 64 MB heap: the stream
 * completes with every row, the used heap after GC does not grow from 100,000 rows to the
 * last row, and the throughput of {@code stream} is printed next to the raw driver's
 * async paging on the same data (printed, never asserted).
 */
@EmbeddedCassandraTest
class LargeStreamIT {

	private static final int PARTITIONS = 1_000;

	private static final int ROWS_PER_PARTITION = 1_000;

	private static final long ROWS = (long) PARTITIONS * ROWS_PER_PARTITION;

	private static final int ROWS_PER_BATCH = 100;

	private static final long HEAP_GROWTH_ALLOWED = 4L * 1024 * 1024;

	@Test
	void millionRowsStreamInASmallHeapWithoutHeapGrowth(CqlSession cqlSession, EmbeddedCassandra cassandra,
			EmbeddedKeyspace keyspace) throws Exception {
		long loadStart = System.nanoTime();
		load(cqlSession);
		long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);
		long probeStart = System.nanoTime();
		Map<String, Long> probe = runProbe(cassandra, keyspace);
		long probeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probeStart);
		long heapAt100k = probe.get("heapAt100k");
		long heapAtLastRow = probe.get("heapAtLastRow");
		long raw = probe.get("rawRowsPerSecond");
		long stream = probe.get("streamRowsPerSecond");
		System.out.printf(
				"LargeStreamIT: %,d rows loaded in %,d ms; child JVM -Xmx64m (max heap %,d bytes) ran %,d ms;"
						+ " used heap after GC at 100k rows %,d bytes, at %,d rows %,d bytes;"
						+ " stream() %,d rows/s, raw executeAsync+fetchNextPage %,d rows/s, ratio %.2f%n",
				ROWS, loadMillis, probe.get("maxHeap"), probeMillis, heapAt100k, ROWS, heapAtLastRow, stream, raw,
				(double) stream / raw);
		assertThat(probe.get("rows")).isEqualTo(ROWS);
		assertThat(probe.get("rawRows")).isEqualTo(ROWS);
		assertThat(probe.get("streamRows")).isEqualTo(ROWS);
		assertThat(heapAtLastRow).isLessThanOrEqualTo(heapAt100k + HEAP_GROWTH_ALLOWED);
	}

	private static void load(CqlSession cqlSession) throws Exception {
		cqlSession.execute("CREATE TABLE IF NOT EXISTS big (p int, c int, v text, PRIMARY KEY (p, c))");
		cqlSession.checkSchemaAgreement();
		PreparedStatement insert = cqlSession.prepare("INSERT INTO big (p, c, v) VALUES (?, ?, ?)");
		Semaphore window = new Semaphore(32);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		CompletableFuture<?>[] last = new CompletableFuture<?>[1];
		for (int p = 0; p < PARTITIONS; p++) {
			for (int from = 0; from < ROWS_PER_PARTITION; from += ROWS_PER_BATCH) {
				BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
				for (int c = from; c < from + ROWS_PER_BATCH; c++) {
					batch.addStatement(insert.bind(p, c, "v" + c));
				}
				assertThat(window.tryAcquire(60, TimeUnit.SECONDS)).isTrue();
				assertThat(failure.get()).isNull();
				last[0] = cqlSession.executeAsync(batch.build()).toCompletableFuture().whenComplete((result, error) -> {
					if (error != null) {
						failure.compareAndSet(null, error);
					}
					window.release();
				});
			}
		}
		assertThat(window.tryAcquire(32, 60, TimeUnit.SECONDS)).isTrue();
		assertThat(failure.get()).isNull();
	}

	private static Map<String, Long> runProbe(EmbeddedCassandra cassandra, EmbeddedKeyspace keyspace)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile(Path.of("target"), "stream-heap-probe", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
				StreamHeapProbe.class.getName(), cassandra.contactPoint().getHostString(),
				String.valueOf(cassandra.contactPoint().getPort()), cassandra.localDatacenter(), keyspace.name(), "big",
				String.valueOf(ROWS));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		try {
			boolean exited = process.waitFor(5, TimeUnit.MINUTES);
			assertThat(exited).as("probe exited in time; output in %s", output).isTrue();
			assertThat(process.exitValue()).as("probe exit code; output in %s", output).isZero();
		}
		finally {
			process.destroyForcibly();
		}
		Map<String, Long> figures = new HashMap<>();
		for (String line : Files.readAllLines(output)) {
			if (line.startsWith("PROBE ")) {
				String[] pair = line.substring("PROBE ".length()).split("=", 2);
				figures.put(pair[0], Long.parseLong(pair[1].trim()));
			}
		}
		return figures;
	}

}
