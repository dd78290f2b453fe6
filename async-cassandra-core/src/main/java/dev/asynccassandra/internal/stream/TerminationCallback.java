package dev.asynccassandra.internal.stream;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stream's termination callback exactly once, whichever of completion, error or
 * cancellation comes first, then forgets it.
 */
final class TerminationCallback {

	private static final Logger logger = LoggerFactory.getLogger(TerminationCallback.class);

	private final AtomicReference<@Nullable Runnable> callback;

	TerminationCallback(Runnable callback) {
		this.callback = new AtomicReference<>(callback);
	}

	/**
	 * Runs the callback if it has not run yet. Never throws.
	 */
	void run() {
		Runnable toRun = this.callback.getAndSet(null);
		if (toRun == null) {
			return;
		}
		try {
			toRun.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Stream termination callback failed", ex);
		}
	}

}
