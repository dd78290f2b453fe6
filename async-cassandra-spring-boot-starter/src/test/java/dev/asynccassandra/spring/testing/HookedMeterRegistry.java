package dev.asynccassandra.spring.testing;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A registry whose async-cassandra timers and counters (names starting with
 * {@code async.cassandra.}) run a hook before every recording, on the recording thread: a
 * hook that throws makes every recording fail, one that parks stalls the recorder like a
 * stuck exporter. Other meters (JVM, logging, HTTP server meters of an application)
 * record normally.
 */
public final class HookedMeterRegistry extends SimpleMeterRegistry {

	private static final String HOOKED_PREFIX = "async.cassandra.";

	private final Runnable beforeRecord;

	/**
	 * Creates a registry.
	 * @param beforeRecord runs before every recording of an async-cassandra timer or
	 * counter
	 */
	public HookedMeterRegistry(Runnable beforeRecord) {
		this.beforeRecord = beforeRecord;
	}

	@Override
	protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
			PauseDetector pauseDetector) {
		if (!isHooked(id)) {
			return super.newTimer(id, distributionStatisticConfig, pauseDetector);
		}
		return new CumulativeTimer(id, this.clock, distributionStatisticConfig, pauseDetector, getBaseTimeUnit(),
				false) {

			@Override
			protected void recordNonNegative(long amount, TimeUnit unit) {
				HookedMeterRegistry.this.beforeRecord.run();
				super.recordNonNegative(amount, unit);
			}

		};
	}

	@Override
	protected Counter newCounter(Meter.Id id) {
		if (!isHooked(id)) {
			return super.newCounter(id);
		}
		return new CumulativeCounter(id) {

			@Override
			public void increment(double amount) {
				HookedMeterRegistry.this.beforeRecord.run();
				super.increment(amount);
			}

		};
	}

	private static boolean isHooked(Meter.Id id) {
		return id.getName().startsWith(HOOKED_PREFIX);
	}

}
