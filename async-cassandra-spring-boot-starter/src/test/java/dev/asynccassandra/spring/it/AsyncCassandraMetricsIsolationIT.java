package dev.asynccassandra.spring.it;

import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.api.event.QueryEventListener;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import dev.asynccassandra.embedded.api.junit.EmbeddedCassandraTest;
import dev.asynccassandra.embedded.api.junit.EmbeddedKeyspace;
import dev.asynccassandra.spring.testing.HookedMeterRegistry;
import dev.asynccassandra.spring.testing.MeterIsolationChecks;
import dev.asynccassandra.spring.testing.MeterIsolationChecks.BlockingHook;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * R10 against a real node: an application whose meter registry throws on every recording,
 * or blocks the recorder (the registry parks until the test releases it, after all
 * queries completed), also with a listener that throws, gets every query's own row back
 * from the embedded node, with nothing left in flight; the queries never wait for the
 * registry. The same checks run against Simulacron in
 * {@code AsyncCassandraMetricsListenerIsolationTests}.
 */
@EmbeddedCassandraTest
class AsyncCassandraMetricsIsolationIT {

	private static EmbeddedCassandra node;

	private static EmbeddedKeyspace keyspace;

	@BeforeAll
	static void createRows(EmbeddedCassandra embeddedNode, EmbeddedKeyspace embeddedKeyspace, CqlSession session) {
		node = embeddedNode;
		keyspace = embeddedKeyspace;
		session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)");
		for (int key = 0; key < MeterIsolationChecks.KEYS; key++) {
			session.execute("INSERT INTO kv (k, v) VALUES (?, ?)", key, MeterIsolationChecks.value(key));
		}
	}

	@Test
	void queriesCompleteWhenEveryMeterAndListenerThrows() throws Exception {
		HookedMeterRegistry registry = new HookedMeterRegistry(MeterIsolationChecks.throwingHook());
		try (ConfigurableApplicationContext context = run(registry)) {
			MeterIsolationChecks.queriesCompleteWhenEveryMeterAndListenerThrows(context, registry);
		}
	}

	@Test
	void queriesCompleteWhileTheMeterRegistryBlocks() throws Exception {
		BlockingHook hook = new BlockingHook();
		HookedMeterRegistry registry = new HookedMeterRegistry(hook);
		try (ConfigurableApplicationContext context = run(registry)) {
			MeterIsolationChecks.queriesCompleteWhileTheMeterRegistryBlocks(context, registry, hook);
		}
	}

	private static ConfigurableApplicationContext run(MeterRegistry registry) {
		return new SpringApplicationBuilder(IsolationApplication.class).web(WebApplicationType.NONE)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("meterRegistry",
					MeterRegistry.class, () -> registry))
			.properties(Map.of("spring.cassandra.contact-points",
					node.contactPoint().getHostString() + ":" + node.contactPoint().getPort(),
					"spring.cassandra.local-datacenter", node.localDatacenter(), "spring.cassandra.keyspace-name",
					keyspace.name(), "spring.cassandra.request.timeout", "20s",
					"spring.cassandra.connection.init-query-timeout", "20s",
					// The hooked registry is the application's only one.
					"management.defaults.metrics.export.enabled", "false"))
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class IsolationApplication {

		@Bean
		QueryEventListener throwingListener() {
			return MeterIsolationChecks.throwingListener();
		}

	}

}
