package dev.asynccassandra.internal.observation;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.observation.CassandraObservationContext;
import dev.asynccassandra.api.observation.CassandraObservationConvention;
import dev.asynccassandra.api.observation.DefaultCassandraObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Micrometer Observation per request. The only class that starts observations; it is
 * loaded only when the session was given a registry.
 */
public final class MicrometerRequestObservations implements RequestObservations {

	private static final Logger logger = LoggerFactory.getLogger(MicrometerRequestObservations.class);

	private static final CassandraObservationConvention DEFAULT_CONVENTION = new DefaultCassandraObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable CassandraObservationConvention convention;

	private final @Nullable String sessionKeyspace;

	/**
	 * Creates the observations of a session.
	 * @param registry where observations are made
	 * @param convention replaces the default convention (without the query text), or
	 * {@code null}
	 * @param sessionKeyspace the driver session's keyspace, or {@code null}
	 */
	public MicrometerRequestObservations(ObservationRegistry registry,
			@Nullable CassandraObservationConvention convention, @Nullable String sessionKeyspace) {
		this.registry = registry;
		this.convention = convention;
		this.sessionKeyspace = sessionKeyspace;
	}

	@Override
	public RequestObservation start(OperationKind kind, Object request, @Nullable String statementName) {
		if (this.registry.isNoop()) {
			return RequestObservation.NONE;
		}
		try {
			StatementDescription description = StatementDescription.of(kind, request, this.sessionKeyspace);
			CassandraObservationContext context = new CassandraObservationContext(description.operationName(),
					description.keyspace(), description.table(), statementName, description.queryText());
			Observation observation = Observation
				.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
				.start();
			return new Started(observation, context);
		}
		catch (RuntimeException ex) {
			// An observation handler (a tracer, a meter registry) must never fail a
			// request.
			logger.warn("Could not start the observation of a request; the request goes on unobserved", ex);
			return RequestObservation.NONE;
		}
	}

	private static final class Started extends AtomicBoolean implements RequestObservation {

		private static final long serialVersionUID = 1L;

		private final transient Observation observation;

		private final transient CassandraObservationContext context;

		Started(Observation observation, CassandraObservationContext context) {
			this.observation = observation;
			this.context = context;
		}

		@Override
		public void stop(@Nullable Object result, @Nullable Throwable failure) {
			if (!compareAndSet(false, true)) {
				return;
			}
			try {
				if (result instanceof AsyncResultSet resultSet) {
					this.context.setRows(resultSet.remaining());
					ExecutionInfo executionInfo = resultSet.getExecutionInfo();
					this.context
						.setCoordinator((executionInfo != null) ? addressOf(executionInfo.getCoordinator()) : null);
				}
				if (failure != null) {
					this.observation.error(failure);
				}
				this.observation.stop();
			}
			catch (RuntimeException ex) {
				// An observation handler must never keep a request from completing.
				logger.warn("Could not stop the observation of a request", ex);
			}
		}

		private static @Nullable InetSocketAddress addressOf(@Nullable Node node) {
			if (node == null) {
				return null;
			}
			SocketAddress address = node.getEndPoint().resolve();
			return (address instanceof InetSocketAddress inet) ? inet : null;
		}

	}

}
