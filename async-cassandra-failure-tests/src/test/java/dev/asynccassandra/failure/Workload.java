package dev.asynccassandra.failure;

import java.util.concurrent.CompletionStage;

/**
 * Issues one request of the load.
 */
@FunctionalInterface
interface Workload {

	/**
	 * Starts a request.
	 * @param operation what to issue
	 * @param sequence the request number, unique and increasing
	 * @return its completion
	 */
	CompletionStage<?> issue(Operation operation, long sequence);

}
