package dev.asynccassandra.internal.context;

import java.util.concurrent.Executor;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Captures every value that the global {@link ContextRegistry}'s thread-local accessors
 * hold (the current Observation, and whatever else the application registered: MDC,
 * Spring Security's context...). Restoring clears the accessors the caller had no value
 * for, so a task sees exactly its caller's context, never what an earlier task left on
 * the pool thread; afterwards the thread gets back what it had. The only class that
 * refers to the library: it is loaded only when the library is present.
 */
final class SnapshotCapture implements ContextCapture {

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder()
		.contextRegistry(ContextRegistry.getInstance())
		.clearMissing(true)
		.build();

	@Override
	public CallerContext capture() {
		return new SnapshotContext(this.snapshots.captureAll());
	}

	private record SnapshotContext(ContextSnapshot snapshot) implements CallerContext {

		@Override
		public void execute(Executor executor, Runnable task) {
			executor.execute(this.snapshot.wrap(task));
		}

		@Override
		public Runnable wrap(Runnable task) {
			return this.snapshot.wrap(task);
		}

	}

}
