package dev.asynccassandra.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The streaming table on the embedded node: partitions of {@link #ROWS_PER_PARTITION}
 * rows with a 100-character text value, loaded once and kept in the node's data folder (a
 * marker row per loaded partition), so that later runs skip the load.
 */
public final class StreamData {

	/** Rows in each partition. */
	public static final int ROWS_PER_PARTITION = 100_000;

	/** Partitions for the heap measurement (1,000,000 rows). */
	public static final int HEAP_PARTITIONS = 10;

	/** Rows of one partition, streamed by the throughput benchmark. */
	public static final String PARTITION_QUERY = "SELECT c, v FROM bench.stream WHERE k = ?";

	/** Every row of the table, streamed by the heap measurement. */
	public static final String TABLE_QUERY = "SELECT c, v, k FROM bench.stream";

	/** The value of every row. */
	static final String VALUE = "0123456789".repeat(10);

	/** Same-partition inserts per unlogged batch (under the 5 KiB batch warning). */
	private static final int BATCH_ROWS = 40;

	/** Batches in flight while loading. */
	private static final int LOAD_CONCURRENCY = 16;

	private StreamData() {
	}

	/**
	 * Makes sure partitions {@code 0} to {@code partitions - 1} are loaded.
	 * @param session a session on the embedded node
	 * @param partitions the partitions needed
	 * @return seconds spent loading in this call ({@code 0} when everything was there)
	 */
	public static synchronized double ensure(CqlSession session, int partitions) {
		session.execute("CREATE TABLE IF NOT EXISTS bench.stream (k int, c int, v text, PRIMARY KEY (k, c))");
		session.execute("CREATE TABLE IF NOT EXISTS bench.stream_loaded (k int PRIMARY KEY, rows int)");
		long start = System.nanoTime();
		List<Integer> missing = new ArrayList<>();
		for (int k = 0; k < partitions; k++) {
			Row marker = session.execute("SELECT rows FROM bench.stream_loaded WHERE k = " + k).one();
			if (marker == null || marker.getInt(0) != ROWS_PER_PARTITION) {
				missing.add(k);
			}
		}
		if (missing.isEmpty()) {
			return 0;
		}
		PreparedStatement insert = session.prepare("INSERT INTO bench.stream (k, c, v) VALUES (?, ?, ?)");
		for (int k : missing) {
			load(session, insert, k);
			session.execute("INSERT INTO bench.stream_loaded (k, rows) VALUES (" + k + ", " + ROWS_PER_PARTITION + ")");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("loaded %,d rows in %.1f s (%,.0f rows/s)%n", missing.size() * ROWS_PER_PARTITION, seconds,
				missing.size() * ROWS_PER_PARTITION / seconds);
		return seconds;
	}

	private static void load(CqlSession session, PreparedStatement insert, int k) {
		Semaphore window = new Semaphore(LOAD_CONCURRENCY);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		try {
			for (int c = 0; c < ROWS_PER_PARTITION && failure.get() == null; c += BATCH_ROWS) {
				BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
				for (int i = c; i < Math.min(c + BATCH_ROWS, ROWS_PER_PARTITION); i++) {
					batch.addStatement(insert.bind(k, i, VALUE));
				}
				if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
					throw new IllegalStateException("no insert completed in 60 s");
				}
				CompletableFuture<?> done = session.executeAsync(batch.build()).toCompletableFuture();
				done.whenComplete((result, error) -> {
					if (error != null) {
						failure.compareAndSet(null, error);
					}
					window.release();
				});
			}
			if (!window.tryAcquire(LOAD_CONCURRENCY, 60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("inserts still in flight after 60 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while loading", ex);
		}
		if (failure.get() != null) {
			throw new IllegalStateException("loading partition " + k + " failed", failure.get());
		}
	}

}
