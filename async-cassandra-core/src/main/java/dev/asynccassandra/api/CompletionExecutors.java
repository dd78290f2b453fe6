package dev.asynccassandra.api;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Executors suited to completing an {@link AsyncSession}'s futures. The session hands
 * every completion over from a driver I/O thread with {@code execute}, so that call must
 * never block: a pool from {@code Executors.newFixedThreadPool} can, briefly, when a
 * worker holds its queue's lock (the driver thread then parks). The pools made here queue
 * tasks on a lock-free queue and start every thread up front, so {@code execute} takes no
 * lock.
 *
 * @since 0.1.0
 */
public final class CompletionExecutors {

	private CompletionExecutors() {
	}

	/**
	 * A pool of a fixed number of threads, all started at once, with an unbounded
	 * lock-free queue.
	 * @param threads the number of threads, at least 1
	 * @param threadFactory makes the threads
	 * @return the running pool; shut it down when the session using it has closed
	 * @throws IllegalArgumentException if {@code threads} is less than 1
	 */
	public static ExecutorService newFixedPool(int threads, ThreadFactory threadFactory) {
		Objects.requireNonNull(threadFactory, "'threadFactory' must not be null");
		if (threads < 1) {
			throw new IllegalArgumentException("'threads' must be at least 1, was " + threads);
		}
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new LinkedTransferQueue<>(), threadFactory);
		pool.prestartAllCoreThreads();
		return pool;
	}

}
