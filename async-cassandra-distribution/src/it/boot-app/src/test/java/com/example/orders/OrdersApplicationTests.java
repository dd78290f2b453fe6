package com.example.orders;

import java.util.concurrent.TimeUnit;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class OrdersApplicationTests {

	@Autowired
	private ClusterInfo clusterInfo;

	@Autowired
	private EmbeddedCassandra node;

	@Test
	void answersFromTheEmbeddedNode() throws Exception {
		assertThat(this.clusterInfo.releaseVersion().get(30, TimeUnit.SECONDS)).startsWith("5.0.");
		assertThat(this.node.contactPoint().getAddress().isLoopbackAddress()).isTrue();
	}

}
