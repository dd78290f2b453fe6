package dev.asynccassandra.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per JVM with the driver's I/O and admin threads
 * ({@link ThreadNames#DRIVER_THREAD}) marked non-blocking, and records every blocking
 * call on them instead of throwing, so that a test can assert the record is empty.
 */
public final class BlockingCallRecorder {

	private static final ConcurrentLinkedQueue<String> CALLS = new ConcurrentLinkedQueue<>();

	private static boolean installed;

	private BlockingCallRecorder() {
	}

	/** Installs BlockHound if not done yet in this JVM. */
	public static synchronized void install() {
		if (installed) {
			return;
		}
		BlockHound.builder()
			.nonBlockingThreadPredicate(
					(current) -> current.or((thread) -> ThreadNames.isDriverThread(thread.getName())))
			.blockingMethodCallback((method) -> CALLS.add(Thread.currentThread().getName() + ": " + method))
			.install();
		installed = true;
	}

	/**
	 * Returns and clears the blocking calls recorded so far.
	 * @return thread name and blocking method of each call
	 */
	public static List<String> drain() {
		List<String> calls = new ArrayList<>();
		for (String call = CALLS.poll(); call != null; call = CALLS.poll()) {
			calls.add(call);
		}
		return calls;
	}

}
