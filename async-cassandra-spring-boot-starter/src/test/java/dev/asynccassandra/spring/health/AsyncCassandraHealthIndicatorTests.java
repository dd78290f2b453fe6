package dev.asynccassandra.spring.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.loadbalancing.NodeDistance;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.spring.testing.MockCqlSessions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Tests for {@link AsyncCassandraHealthIndicator} and
 * {@link AsyncCassandraReactiveHealthIndicator}.
 */
class AsyncCassandraHealthIndicatorTests {

	@Test
	void createWithoutSessionShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AsyncCassandraHealthIndicator(null))
			.withMessage("'session' must not be null");
	}

	@Test
	void healthWithLocalNodeUpShouldBeUpWithDetails() {
		AsyncSession session = session("dc1", node("dc1", NodeState.UP, NodeDistance.LOCAL),
				node("dc1", NodeState.DOWN, NodeDistance.LOCAL), node("dc2", NodeState.UP, NodeDistance.IGNORED));
		Health health = new AsyncCassandraHealthIndicator(session).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("session", "open")
			.containsEntry("inFlight", 3L)
			.containsEntry("localDatacenter", "dc1")
			.containsEntry("datacenters", Map.of("dc1", Map.of("up", 1, "down", 1), "dc2", Map.of("up", 1)));
		verify(session, never()).execute(any(String.class));
	}

	@Test
	void healthWithOnlyRemoteNodesUpShouldBeDown() {
		AsyncSession session = session("dc1", node("dc1", NodeState.DOWN, NodeDistance.LOCAL),
				node("dc2", NodeState.UP, NodeDistance.IGNORED));
		assertThat(new AsyncCassandraHealthIndicator(session).health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void healthWithoutConfiguredDatacenterShouldUseNodeDistances() {
		AsyncSession session = session(null, node("dc1", NodeState.UP, NodeDistance.LOCAL));
		Health health = new AsyncCassandraHealthIndicator(session).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("localDatacenter", "dc1");
	}

	@Test
	void healthOfClosedSessionShouldBeDown() {
		AsyncSession session = session("dc1", node("dc1", NodeState.UP, NodeDistance.LOCAL));
		when(session.isClosed()).thenReturn(true);
		Health health = new AsyncCassandraHealthIndicator(session).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("session", "closed");
	}

	@Test
	void reactiveHealthShouldMatchBlockingHealth() {
		AsyncSession session = session("dc1", node("dc1", NodeState.UP, NodeDistance.LOCAL));
		Health health = new AsyncCassandraReactiveHealthIndicator(session).health().block();
		assertThat(health).isNotNull();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).isEqualTo(new AsyncCassandraHealthIndicator(session).health().getDetails());
	}

	private static AsyncSession session(String localDatacenter, Node... nodes) {
		CqlSession cqlSession = MockCqlSessions.closeable();
		Map<UUID, Node> byId = new LinkedHashMap<>();
		for (Node node : nodes) {
			byId.put(UUID.randomUUID(), node);
		}
		when(cqlSession.getMetadata().getNodes()).thenReturn(byId);
		when(cqlSession.getContext()
			.getConfig()
			.getDefaultProfile()
			.getString(eq(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER), any())).thenReturn(localDatacenter);
		AsyncSession session = mock(AsyncSession.class);
		when(session.cqlSession()).thenReturn(cqlSession);
		when(session.inFlightCount()).thenReturn(3L);
		return session;
	}

	private static Node node(String datacenter, NodeState state, NodeDistance distance) {
		Node node = mock(Node.class);
		when(node.getDatacenter()).thenReturn(datacenter);
		when(node.getState()).thenReturn(state);
		when(node.getDistance()).thenReturn(distance);
		return node;
	}

}
