package dev.asynccassandra.api;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.asynccassandra.api.stream.StreamConsumers;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.api.stream.StreamSummary;

/**
 * Run by {@code LargeStreamIT} in a child JVM with a small heap: streams a whole table
 * through {@code AsyncSession.stream}, reporting the used heap after GC at 100,000 rows
 * and at the last row, then measures the rows per second of {@code stream} and of the raw
 * driver's async paging ({@code executeAsync} + {@code fetchNextPage}) on the same data.
 * Prints one {@code PROBE key=value} line per figure.
 */
public final class StreamHeapProbe {

	static final int PAGE_SIZE = 5_000;

	private static final long FIRST_PROBE_ROW = 100_000;

	private StreamHeapProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args host, port, local datacenter, keyspace, table, expected rows
	 * @throws Exception if anything fails
	 */
	public static void main(String[] args) throws Exception {
		InetSocketAddress contactPoint = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
		String select = "SELECT p, c, v FROM " + args[4];
		long expectedRows = Long.parseLong(args[5]);
		DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
			.build();
		try (CqlSession cqlSession = CqlSession.builder()
			.addContactPoint(contactPoint)
			.withLocalDatacenter(args[2])
			.withKeyspace(args[3])
			.withConfigLoader(config)
			.build()) {
			AsyncSession session = AsyncSession.builder().withCqlSession(cqlSession).withCloseCqlSession(false).build();
			StreamOptions options = StreamOptions.builder().pageSize(PAGE_SIZE).build();
			long[] heap = new long[2];
			long[] count = new long[1];
			StreamSummary probed = StreamConsumers.forEach(session.stream(options, select), (row) -> {
				touch(row);
				count[0]++;
				if (count[0] == FIRST_PROBE_ROW) {
					heap[0] = usedHeapAfterGc();
				}
				else if (count[0] == expectedRows) {
					heap[1] = usedHeapAfterGc();
				}
			}).get(5, TimeUnit.MINUTES);
			print("rows", probed.rows());
			print("heapAt100k", heap[0]);
			print("heapAtLastRow", heap[1]);
			print("maxHeap", Runtime.getRuntime().maxMemory());

			long rawStart = System.nanoTime();
			long rawRows = rawPaging(cqlSession, select).get(5, TimeUnit.MINUTES);
			long rawNanos = System.nanoTime() - rawStart;
			print("rawRows", rawRows);
			print("rawRowsPerSecond", rowsPerSecond(rawRows, rawNanos));

			long streamStart = System.nanoTime();
			StreamSummary timed = StreamConsumers.forEach(session.stream(options, select), StreamHeapProbe::touch)
				.get(5, TimeUnit.MINUTES);
			long streamNanos = System.nanoTime() - streamStart;
			print("streamRows", timed.rows());
			print("streamRowsPerSecond", rowsPerSecond(timed.rows(), streamNanos));
			session.closeAsync().get(30, TimeUnit.SECONDS);
		}
	}

	private static CompletableFuture<Long> rawPaging(CqlSession cqlSession, String select) {
		CompletableFuture<Long> done = new CompletableFuture<>();
		consume(cqlSession.executeAsync(SimpleStatement.newInstance(select).setPageSize(PAGE_SIZE)), 0, done);
		return done;
	}

	private static void consume(CompletionStage<AsyncResultSet> page, long rowsBefore, CompletableFuture<Long> done) {
		page.whenComplete((resultSet, error) -> {
			if (error != null) {
				done.completeExceptionally(error);
				return;
			}
			long rows = rowsBefore;
			for (Row row : resultSet.currentPage()) {
				touch(row);
				rows++;
			}
			if (resultSet.hasMorePages()) {
				consume(resultSet.fetchNextPage(), rows, done);
			}
			else {
				done.complete(rows);
			}
		});
	}

	private static void touch(Row row) {
		if (row.getInt(0) < 0 || row.getInt(1) < 0 || row.getString(2) == null) {
			throw new IllegalStateException("Unexpected row");
		}
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long rowsPerSecond(long rows, long nanos) {
		return rows * 1_000_000_000L / Math.max(1, nanos);
	}

	private static void print(String key, long value) {
		System.out.println("PROBE " + key + "=" + value);
	}

}
