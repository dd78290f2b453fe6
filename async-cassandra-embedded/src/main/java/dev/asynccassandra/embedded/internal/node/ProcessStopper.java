package dev.asynccassandra.embedded.internal.node;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;

/**
 * Stops a process within bounds: {@code SIGTERM}, wait, then {@code SIGKILL} and wait
 * again.
 */
final class ProcessStopper {

	private ProcessStopper() {
	}

	/**
	 * Stops the process; returns at once if it already exited.
	 * @param process the process
	 * @param gracePeriod the bound on the graceful stop and on the wait after the kill
	 * @return whether the process stopped gracefully (as opposed to being killed)
	 * @throws EmbeddedCassandraException if it still runs after both bounds
	 */
	public static boolean stop(ProcessHandle process, Duration gracePeriod) {
		if (!process.isAlive()) {
			return true;
		}
		process.destroy();
		if (awaitExit(process, gracePeriod)) {
			return true;
		}
		process.destroyForcibly();
		if (!awaitExit(process, gracePeriod)) {
			throw new EmbeddedCassandraException(
					"Cassandra process " + process.pid() + " still runs " + gracePeriod + " after SIGKILL");
		}
		return false;
	}

	/**
	 * Waits for the process to exit.
	 * @param process the process
	 * @param bound the maximum wait
	 * @return whether it exited in time
	 */
	public static boolean awaitExit(ProcessHandle process, Duration bound) {
		try {
			process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (ExecutionException | TimeoutException ex) {
			return !process.isAlive();
		}
	}

}
