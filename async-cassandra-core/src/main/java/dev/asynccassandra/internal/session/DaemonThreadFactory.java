package dev.asynccassandra.internal.session;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates daemon threads named {@code prefix + N}, numbered from 1 per prefix family.
 */
final class DaemonThreadFactory implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger counter;

	DaemonThreadFactory(String prefix, AtomicInteger counter) {
		this.prefix = prefix;
		this.counter = counter;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + this.counter.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
