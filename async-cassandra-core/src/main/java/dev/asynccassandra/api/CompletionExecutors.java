package dev.asynccassandra.api;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executors suited to completing an {@link AsyncSession}'s futures. The session hands
 * every completion over from a driver I/O thread with {@code execute}, so that call must
 * never block: a pool from {@code Executors.newFixedThreadPool} can, briefly, when a
 * worker holds its queue's lock (the driver thread then parks). The pools made here queue
 * tasks on a lock-free queue and start every thread up front, so {@code execute} takes no
 * lock.
 * <p>
 * {@link #direct()} is the expert's way out of the hand-off: no pool at all, futures
 * complete on the driver's thread.
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

	/**
	 * A factory of daemon threads (they never keep the JVM alive) named
	 * {@code namePrefix} followed by 1, 2, ..., numbered per factory: for
	 * {@link #newFixedPool(int, ThreadFactory)}, so that the pool's threads show in
	 * thread dumps under a name that tells what completes there.
	 * @param namePrefix the start of every thread's name, such as
	 * {@code "orders-cassandra-"}
	 * @return a new factory
	 * @throws IllegalArgumentException if {@code namePrefix} is blank
	 */
	public static ThreadFactory daemonThreadFactory(String namePrefix) {
		Objects.requireNonNull(namePrefix, "'namePrefix' must not be null");
		if (namePrefix.isBlank()) {
			throw new IllegalArgumentException("'namePrefix' must not be blank");
		}
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, namePrefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * An executor that runs each task at once, on the calling thread: a session using it
	 * completes its futures on the thread that ended the driver request, usually a driver
	 * I/O thread ({@code s0-io-N}), with no hand-off to another thread.
	 * <p>
	 * <strong>For experts only.</strong> It gives up the session's guarantee that user
	 * code never runs on a driver I/O thread: every continuation attached to a future
	 * ({@code thenApply}, {@code whenComplete}, the rows a stream delivers, ...) then
	 * runs on the thread that also reads and writes the responses of every other request
	 * on its connections. A continuation that blocks or computes for long stalls all of
	 * them, and one that waits for another query of the same session ({@code join},
	 * {@code get}) can wait for its own thread: a deadlock that only the query timeout
	 * ends. Use it only for short, non-blocking continuations, where measurements show
	 * the hand-off matters ({@code BENCHMARKS.md} measures both). Everything else the
	 * session promises (timeouts, the error policy, cleanup, events, close) holds alike.
	 * <p>
	 * Set it for a session with {@link AsyncSessionBuilder#withExecutor(Executor)} or for
	 * one call with {@link QueryOptions.Builder#executor(Executor)}.
	 * @return the shared direct executor
	 */
	public static Executor direct() {
		return DirectExecutor.INSTANCE;
	}

	/**
	 * Runs every task on the calling thread.
	 */
	private enum DirectExecutor implements Executor {

		INSTANCE;

		@Override
		public void execute(Runnable task) {
			Objects.requireNonNull(task, "'task' must not be null");
			task.run();
		}

		@Override
		public String toString() {
			return "CompletionExecutors.direct()";
		}

	}

}
