package dev.asynccassandra.internal.observation;

import org.jspecify.annotations.Nullable;

/**
 * The observation of one request. Stopping it is idempotent: the first outcome wins.
 */
public interface RequestObservation {

	/**
	 * No observation.
	 */
	RequestObservation NONE = (result, failure) -> {
	};

	/**
	 * Stops the observation.
	 * @param result what the driver returned ({@code AsyncResultSet},
	 * {@code PreparedStatement}), or {@code null}
	 * @param failure why the request failed, or {@code null}
	 */
	void stop(@Nullable Object result, @Nullable Throwable failure);

}
