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
			// An event loop waiting for its next task is idle, not blocking work: the
			// driver's admin executor is a Netty DefaultEventLoop, which parks there.
			.allowBlockingCallsInside("io.netty.util.concurrent.SingleThreadEventExecutor", "takeTask")
			.blockingMethodCallback((method) -> CALLS.add(Thread.currentThread().getName() + ": " + method + where()))
			.install();
		installed = true;
	}

	/**
	 * The frames that led to a blocking call, innermost first, without BlockHound's own:
	 * enough to tell which code blocked when the assertion fails.
	 */
	private static String where() {
		StringBuilder frames = new StringBuilder();
		int kept = 0;
		for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
			String className = frame.getClassName();
			if (className.startsWith("reactor.blockhound") || className.startsWith("java.lang.Thread")
					|| className.equals(BlockingCallRecorder.class.getName())) {
				continue;
			}
			frames.append("\n    at ").append(frame);
			if (++kept == 25) {
				break;
			}
		}
		return frames.toString();
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
