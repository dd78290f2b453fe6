package dev.asynccassandra.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.stream.StreamConsumers;
import dev.asynccassandra.api.stream.StreamOptions;

/**
 * Peak heap of one stream of every row of the streaming table (1,000,000 rows) in a child
 * JVM with a hard {@code -Xmx}: the parent ({@link #measure}) launches
 * {@link #main(String[])} with the suite's class path and reads the one result line it
 * prints. The child connects to the already running embedded node, collects garbage,
 * resets the heap pools' peaks, then streams with a slow consumer (a non-blocking pause
 * of {@link #PAUSE_MILLIS} ms after every {@link #PAUSE_EVERY_ROWS} rows).
 * <p>
 * Reported: whether the stream completed (the child runs with
 * {@code -XX:+ExitOnOutOfMemoryError}), the heap used after the last collection before
 * the stream (the baseline: driver and session), the largest heap used after any
 * collection during the stream (what stayed reachable) and the sum of the heap pools'
 * peaks (an upper bound of the heap ever used, garbage included).
 * <p>
 * Besides the {@link StreamContender streaming contenders}, the control
 * {@link #COLLECT_ALL} keeps every row ({@code AsyncSession.stream} collected into one
 * list by {@code StreamConsumers.collect}): it must fail under the limit, else the limit
 * proves nothing.
 */
public final class HeapProbe {

	/** The hard heap limit of the child JVM. */
	public static final String MAX_HEAP = "64m";

	/** Rows between two pauses of the slow consumer. */
	public static final int PAUSE_EVERY_ROWS = 1000;

	/** Length of one pause of the slow consumer. */
	public static final long PAUSE_MILLIS = 1;

	/** The control that keeps every row in a list. */
	public static final String COLLECT_ALL = "COLLECT_ALL";

	private static final String PREFIX = "HEAP-PROBE ";

	private HeapProbe() {
	}

	/**
	 * What one child JVM measured.
	 *
	 * @param contender the contender, or {@link #COLLECT_ALL}
	 * @param maxHeap the child's {@code -Xmx}
	 * @param completed whether every row was streamed
	 * @param failure why not, else empty
	 * @param rows rows streamed
	 * @param seconds time to stream them
	 * @param baselineBytes heap used after a collection before the stream
	 * @param peakAfterGcBytes largest heap used after a collection during the stream
	 * @param peakUsedBytes sum of the heap pools' peak usage during the stream
	 * @param collections collections during the stream
	 */
	public record Result(String contender, String maxHeap, boolean completed, String failure, long rows, double seconds,
			long baselineBytes, long peakAfterGcBytes, long peakUsedBytes, int collections) {
	}

	/**
	 * Runs one child JVM streaming the table with one contender.
	 * @param contender the name of a {@link StreamContender}, or {@link #COLLECT_ALL}
	 * @param session the parent's session on the embedded node (for its address)
	 * @param expectedRows rows in the table
	 * @return what the child measured
	 * @throws IOException if the child cannot be launched
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static Result measure(String contender, CqlSession session, long expectedRows)
			throws IOException, InterruptedException {
		Node node = session.getMetadata().getNodes().values().iterator().next();
		InetSocketAddress address = (InetSocketAddress) node.getEndPoint().resolve();
		Path output = Files.createTempFile("heap-probe-", ".log");
		try {
			Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx" + MAX_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
					HeapProbe.class.getName(), contender, address.getHostString(), Integer.toString(address.getPort()),
					node.getDatacenter(), Long.toString(expectedRows))
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			boolean exited = child.waitFor(10, TimeUnit.MINUTES);
			if (!exited) {
				child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
			List<String> lines = Files.readAllLines(output);
			lines.forEach((line) -> System.out.println("  [heap probe " + contender + "] " + line));
			for (String line : lines) {
				if (line.startsWith(PREFIX)) {
					return parse(contender, line.substring(PREFIX.length()));
				}
			}
			String failure;
			if (!exited) {
				failure = "timeout after 10 min";
			}
			else if (lines.stream().anyMatch((line) -> line.contains("OutOfMemoryError"))) {
				failure = "OutOfMemoryError";
			}
			else {
				failure = "exit code " + child.exitValue();
			}
			return new Result(contender, MAX_HEAP, false, failure, 0, 0, 0, 0, 0, 0);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static Result parse(String contender, String line) {
		Map<String, String> values = new HashMap<>();
		for (String pair : line.split(" ")) {
			int equals = pair.indexOf('=');
			values.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		long rows = Long.parseLong(values.get("rows"));
		long expected = Long.parseLong(values.get("expected"));
		return new Result(contender, MAX_HEAP, rows == expected,
				(rows == expected) ? "" : "streamed " + rows + " of " + expected + " rows", rows,
				Double.parseDouble(values.get("seconds")), Long.parseLong(values.get("baseline")),
				Long.parseLong(values.get("peakAfterGc")), Long.parseLong(values.get("peakUsed")),
				Integer.parseInt(values.get("collections")));
	}

	/**
	 * The child:
	 * {@code HeapProbe <contender> <host> <port> <datacenter> <expected rows>}.
	 * @param args the arguments
	 * @throws Exception if the stream fails
	 */
	public static void main(String[] args) throws Exception {
		String contender = args[0];
		long expected = Long.parseLong(args[4]);
		try (CqlSession session = CqlSession.builder()
			.addContactPoint(new InetSocketAddress(args[1], Integer.parseInt(args[2])))
			.withLocalDatacenter(args[3])
			.withConfigLoader(Targets.config(false))
			.build()) {
			BoundStatement statement = session.prepare(StreamData.TABLE_QUERY)
				.bind()
				.setPageSize(StreamBenchmark.PAGE_SIZE);
			AsyncSession async = AsyncSession.builder().withCqlSession(session).withCloseCqlSession(false).build();
			StreamClient client = COLLECT_ALL.equals(contender) ? null : StreamClient
				.create(StreamContender.valueOf(contender), session, statement, PAUSE_EVERY_ROWS, PAUSE_MILLIS);
			List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.toList();
			System.gc();
			System.gc();
			long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
			AtomicLong peakAfterGc = new AtomicLong();
			AtomicInteger collections = new AtomicInteger();
			List<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).toList();
			List<GarbageCollectorMXBean> collectors = new ArrayList<>(ManagementFactory.getGarbageCollectorMXBeans());
			for (GarbageCollectorMXBean collector : collectors) {
				((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
					if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
						.equals(notification.getType())) {
						return;
					}
					GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData());
					long after = 0;
					for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
						if (heapPoolNames.contains(pool.getKey())) {
							after += pool.getValue().getUsed();
						}
					}
					collections.incrementAndGet();
					peakAfterGc.accumulateAndGet(after, Math::max);
				}, null, null);
			}
			long start = System.nanoTime();
			long rows = (client != null) ? client.run().get(10, TimeUnit.MINUTES) : StreamConsumers
				.collect(async.stream(StreamOptions.builder().pageSize(StreamBenchmark.PAGE_SIZE).build(), statement),
						Integer.MAX_VALUE)
				.get(10, TimeUnit.MINUTES)
				.size();
			double seconds = (System.nanoTime() - start) / 1e9;
			long peakUsed = heapPools.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
			if (client != null) {
				client.close();
			}
			async.closeAsync().join();
			System.out.println(PREFIX + "rows=" + rows + " expected=" + expected + " seconds=" + seconds + " baseline="
					+ baseline + " peakAfterGc=" + peakAfterGc.get() + " peakUsed=" + peakUsed + " collections="
					+ collections.get() + " gc="
					+ collectors.stream()
						.map(GarbageCollectorMXBean::getName)
						.collect(Collectors.joining(","))
						.replace(' ', '_'));
		}
		System.exit(0);
	}

}
