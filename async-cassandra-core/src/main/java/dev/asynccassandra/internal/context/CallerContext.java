package dev.asynccassandra.internal.context;

import java.util.concurrent.Executor;

/**
 * The context of the thread that made a request or subscribed a stream, to be restored
 * around the tasks that run user code for it (completions of futures, stream signals),
 * and removed after each so that the next task on the same thread never sees it.
 */
public interface CallerContext {

	/**
	 * No context: tasks run as they are, without any allocation.
	 */
	CallerContext NONE = new CallerContext() {

		@Override
		public void execute(Executor executor, Runnable task) {
			executor.execute(task);
		}

		@Override
		public Runnable wrap(Runnable task) {
			return task;
		}

		@Override
		public String toString() {
			return "CallerContext.NONE";
		}

	};

	/**
	 * Hands a task to an executor, to run inside this context.
	 * @param executor the executor
	 * @param task the task
	 * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the
	 * task
	 */
	void execute(Executor executor, Runnable task);

	/**
	 * Wraps a task so that it runs inside this context, wherever it runs.
	 * @param task the task
	 * @return a task that restores this context, runs {@code task}, and then puts back
	 * what the thread had before
	 */
	Runnable wrap(Runnable task);

}
