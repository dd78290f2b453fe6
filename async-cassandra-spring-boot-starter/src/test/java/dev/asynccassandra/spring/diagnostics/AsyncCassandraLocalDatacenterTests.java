package dev.asynccassandra.spring.diagnostics;

import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.spring.autoconfigure.AsyncCassandraAutoConfiguration;
import dev.asynccassandra.spring.autoconfigure.health.AsyncCassandraHealthContributorAutoConfiguration;
import dev.asynccassandra.spring.health.AsyncCassandraHealthIndicator;
import dev.asynccassandra.spring.session.LocalDatacenterMismatchException;
import dev.asynccassandra.testing.SimulacronCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local datacenter that none of the nodes is in: the node answers, so it is not
 * reported as unreachable; the report and the health name the datacenters the driver saw.
 */
class AsyncCassandraLocalDatacenterTests {

	private static final String WRONG = "dc-typo";

	private static SimulacronCluster simulacron;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class,
				AsyncCassandraHealthContributorAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader(Mono.class))
		.withPropertyValues("async-cassandra.shutdown.timeout=0s")
		.withBean(CqlSession.class,
				() -> CqlSession.builder()
					.addContactPoints(simulacron.contactPoints())
					.withLocalDatacenter(WRONG)
					.withConfigLoader(SimulacronCluster.config(Duration.ofSeconds(5)))
					.build(),
				(definition) -> definition.setLazyInit(true));

	@BeforeAll
	static void startNode() {
		simulacron = SimulacronCluster.start(1);
	}

	@AfterAll
	static void stopNode() {
		if (simulacron != null) {
			simulacron.close();
		}
	}

	@Test
	void runWithFailFastAndAWrongLocalDatacenterShouldFailNamingTheDatacentersTheDriverSaw() {
		this.contextRunner.withPropertyValues("async-cassandra.startup.fail-fast=true").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new AsyncCassandraFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getCause()).isInstanceOf(LocalDatacenterMismatchException.class);
			assertThat(analysis.getDescription()).contains("'" + WRONG + "'")
				.contains(simulacron.localDatacenter())
				.doesNotContain("Could not reach");
			assertThat(analysis.getAction()).contains("spring.cassandra.local-datacenter")
				.contains(simulacron.localDatacenter());
		});
	}

	@Test
	void runWithFailFastAndNoLocalDatacenterShouldFailPointingAtThePropertyFromTheDriversOwnFailure() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AsyncCassandraAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(Mono.class))
			.withPropertyValues("async-cassandra.shutdown.timeout=0s", "async-cassandra.startup.fail-fast=true")
			.withBean(CqlSession.class,
					() -> CqlSession.builder()
						.addContactPoints(simulacron.contactPoints())
						.withConfigLoader(SimulacronCluster.config(Duration.ofSeconds(5)))
						.build(),
					(definition) -> definition.setLazyInit(true))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new AsyncCassandraFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getCause()).isExactlyInstanceOf(IllegalStateException.class);
				assertThat(analysis.getDescription()).contains("no local datacenter");
				assertThat(analysis.getAction()).contains("spring.cassandra.local-datacenter");
			});
	}

	@Test
	void runWithAWrongLocalDatacenterShouldStartWithHealthDownNamingTheDatacenters() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			Health health = context.getBean(AsyncCassandraHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("session", "open");
			assertThat(health.getDetails().get("error")).asString()
				.contains("'" + WRONG + "'")
				.contains(simulacron.localDatacenter());
		});
	}

}
