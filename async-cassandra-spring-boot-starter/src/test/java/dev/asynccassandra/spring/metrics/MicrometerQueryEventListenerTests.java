package dev.asynccassandra.spring.metrics;

import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.event.QueryEvent.Outcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerQueryEventListener}.
 */
class MicrometerQueryEventListenerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void successShouldBeRecordedWithFixedTags() {
		new MicrometerQueryEventListener(this.registry)
			.onEvent(new QueryEvent(OperationKind.EXECUTE, Outcome.SUCCESS, null, 2_000_000, 1, "findUser"));
		Timer timer = this.registry.get(MicrometerQueryEventListener.REQUESTS)
			.tags("operation", "execute", "outcome", "success", "exception", "none")
			.timer();
		assertThat(timer.count()).isOne();
		assertThat(timer.getId().getTag("statement")).isNull();
		assertThat(timer.getId().getDescription()).isNotBlank();
	}

	@Test
	void failureShouldBeTaggedWithTheExceptionSimpleName() {
		new MicrometerQueryEventListener(this.registry)
			.onEvent(new QueryEvent(OperationKind.BATCH, Outcome.TIMEOUT, ReadTimeoutException.class, 1_000, 0, null));
		assertThat(this.registry.get(MicrometerQueryEventListener.REQUESTS)
			.tags("operation", "batch", "outcome", "timeout", "exception", "ReadTimeoutException")
			.timer()
			.count()).isOne();
	}

	@Test
	void statementNamesShouldBeBounded() {
		MicrometerQueryEventListener listener = new MicrometerQueryEventListener(this.registry, true, 2);
		for (String name : new String[] { "a", "b", "c", "a", "d" }) {
			listener.onEvent(new QueryEvent(OperationKind.EXECUTE, Outcome.SUCCESS, null, 1_000, 0, name));
		}
		listener.onEvent(new QueryEvent(OperationKind.EXECUTE, Outcome.SUCCESS, null, 1_000, 0, null));
		assertThat(this.registry.get(MicrometerQueryEventListener.REQUESTS).timers())
			.extracting((timer) -> timer.getId().getTag("statement") + "=" + timer.count())
			.containsExactlyInAnyOrder("a=2", "b=1", "other=2", "none=1");
	}

	@Test
	void pagesStreamsAndRowsShouldBeCounted() {
		MicrometerQueryEventListener listener = new MicrometerQueryEventListener(this.registry);
		listener.onEvent(new QueryEvent(OperationKind.EXECUTE, Outcome.SUCCESS, null, 1_000, 10, null));
		listener.onEvent(new QueryEvent(OperationKind.PAGE, Outcome.SUCCESS, null, 1_000, 20, null));
		listener.onEvent(new QueryEvent(OperationKind.PAGE, Outcome.TIMEOUT, null, 1_000, 0, null));
		listener.onEvent(new QueryEvent(OperationKind.STREAM, Outcome.SUCCESS, null, 1_000, 30, null));
		listener.onEvent(new QueryEvent(OperationKind.STREAM, Outcome.CANCELLED, null, 1_000, 0, null));
		assertThat(this.registry.get(MicrometerQueryEventListener.PAGES).counters())
			.extracting((counter) -> counter.getId().getTag("operation") + "=" + counter.count())
			.containsExactlyInAnyOrder("page=1.0", "stream=1.0");
		assertThat(this.registry.get(MicrometerQueryEventListener.STREAMS).counters())
			.extracting((counter) -> counter.getId().getTag("outcome") + "=" + counter.count())
			.containsExactlyInAnyOrder("success=1.0", "cancelled=1.0");
		assertThat(this.registry.get(MicrometerQueryEventListener.ROWS).counters())
			.extracting((counter) -> counter.getId().getTag("operation") + "=" + counter.count())
			.containsExactlyInAnyOrder("execute=10.0", "page=20.0", "stream=30.0");
	}

	@Test
	void throwingRegistryShouldBeCountedNotPropagated() {
		MicrometerQueryEventListener listener = new MicrometerQueryEventListener(new ThrowingMeterRegistry());
		listener.onEvent(new QueryEvent(OperationKind.EXECUTE, Outcome.SUCCESS, null, 1_000, 0, null));
		listener
			.onEvent(new QueryEvent(OperationKind.PREPARE, Outcome.FAILURE, IllegalStateException.class, 1, 0, null));
		assertThat(listener.recordingFailureCount()).isEqualTo(2);
	}

	/**
	 * A registry whose timers cannot be created.
	 */
	static final class ThrowingMeterRegistry extends SimpleMeterRegistry {

		@Override
		protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
				PauseDetector pauseDetector) {
			throw new IllegalStateException("registry failure");
		}

	}

}
