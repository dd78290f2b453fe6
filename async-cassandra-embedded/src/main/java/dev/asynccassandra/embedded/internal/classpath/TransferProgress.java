package dev.asynccassandra.embedded.internal.classpath;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the jars the resolver downloads and logs progress at most every few seconds.
 * Called from the resolver's download threads.
 */
final class TransferProgress extends AbstractTransferListener {

	private static final Logger logger = LoggerFactory.getLogger(ServerJarsResolver.class);

	private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

	private final int expected;

	private final AtomicInteger downloaded = new AtomicInteger();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong inFlightBytes = new AtomicLong();

	private final AtomicLong lastLog;

	TransferProgress(int expected) {
		this.expected = expected;
		this.lastLog = new AtomicLong(System.nanoTime());
	}

	@Override
	public void transferProgressed(TransferEvent event) {
		this.inFlightBytes.addAndGet(event.getDataLength());
		maybeLog();
	}

	@Override
	public void transferSucceeded(TransferEvent event) {
		if (event.getRequestType() == TransferEvent.RequestType.GET
				&& isArtifact(event.getResource().getResourceName())) {
			this.downloaded.incrementAndGet();
			this.bytes.addAndGet(event.getTransferredBytes());
			logger.debug("Downloaded {}", event.getResource().getResourceName());
		}
		maybeLog();
	}

	private static boolean isArtifact(String resourceName) {
		String name = resourceName.toLowerCase(Locale.ROOT);
		return !(name.endsWith(".sha1") || name.endsWith(".md5") || name.endsWith(".sha256") || name.endsWith(".sha512")
				|| name.endsWith(".asc"));
	}

	private void maybeLog() {
		long now = System.nanoTime();
		long last = this.lastLog.get();
		if (now - last >= LOG_INTERVAL_NANOS && this.lastLog.compareAndSet(last, now)) {
			logger.info("Fetching the Cassandra server's jars: {} of {} done, {} received", this.downloaded.get(),
					this.expected, megabytes(this.inFlightBytes.get()));
		}
	}

	int downloaded() {
		return this.downloaded.get();
	}

	long bytes() {
		return this.bytes.get();
	}

	static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
	}

}
