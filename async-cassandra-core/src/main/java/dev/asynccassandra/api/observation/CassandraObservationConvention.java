package dev.asynccassandra.api.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys the observations of the session's requests. Give one to
 * {@link dev.asynccassandra.api.AsyncSessionBuilder#withObservationConvention} (Spring
 * Boot: a bean of this type) to replace {@link DefaultCassandraObservationConvention}.
 *
 * @since 0.1.0
 */
public interface CassandraObservationConvention extends ObservationConvention<CassandraObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CassandraObservationContext;
	}

}
