package dev.asynccassandra.spring.autoconfigure.metrics;

import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.simulacron.common.stubbing.PrimeDsl;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.testing.HookedMeterRegistry;
import dev.asynccassandra.spring.testing.MeterIsolationChecks;
import dev.asynccassandra.spring.testing.MeterIsolationChecks.BlockingHook;
import dev.asynccassandra.testing.SimulacronCluster;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A meter registry or a query event listener that throws or blocks changes nothing for
 * the queries of the auto-configured {@link AsyncSession}: they all complete with their
 * own results, and the failures are counted once the recorder gets to them. The same
 * checks run against a real node in {@code AsyncCassandraMetricsIsolationIT}.
 */
class AsyncCassandraMetricsListenerIsolationTests {

	private static SimulacronCluster simulacron;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
				AsyncCassandraMetricsAutoConfiguration.class))
		// The context closes the CqlSession, like Spring Boot's own.
		.withBean(CqlSession.class, () -> simulacron.newCqlSession(Duration.ofSeconds(10)))
		.withBean("throwingListener", QueryEventListener.class, MeterIsolationChecks::throwingListener);

	@BeforeAll
	static void connect() {
		simulacron = SimulacronCluster.start(1);
		for (int key = 0; key < MeterIsolationChecks.KEYS; key++) {
			simulacron.prime(PrimeDsl.when(MeterIsolationChecks.select(key))
				.then(PrimeDsl.rows().row("v", MeterIsolationChecks.value(key)).columnTypes("v", "varchar")));
		}
	}

	@AfterAll
	static void close() {
		if (simulacron != null) {
			simulacron.close();
		}
	}

	@Test
	void queriesCompleteWhenEveryMeterAndListenerThrows() {
		HookedMeterRegistry registry = new HookedMeterRegistry(MeterIsolationChecks.throwingHook());
		this.contextRunner.withBean(MeterRegistry.class, () -> registry)
			.run((context) -> MeterIsolationChecks.queriesCompleteWhenEveryMeterAndListenerThrows(context, registry));
	}

	@Test
	void queriesCompleteWhileTheMeterRegistryBlocks() {
		BlockingHook hook = new BlockingHook();
		HookedMeterRegistry registry = new HookedMeterRegistry(hook);
		this.contextRunner.withBean(MeterRegistry.class, () -> registry)
			.run((context) -> MeterIsolationChecks.queriesCompleteWhileTheMeterRegistryBlocks(context, registry, hook));
	}

}
