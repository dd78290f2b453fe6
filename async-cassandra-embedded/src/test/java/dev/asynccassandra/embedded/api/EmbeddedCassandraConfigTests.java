package dev.asynccassandra.embedded.api;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmbeddedCassandraConfigTests {

	@Test
	void defaultsDescribeALocalNodeOnStandardPorts() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().build();
		assertThat(config.address().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(config.nativePort()).isEqualTo(9042);
		assertThat(config.storagePort()).isEqualTo(7000);
		assertThat(config.clusterName()).isEqualTo("embedded");
		assertThat(config.maxHeap()).isEqualTo("512m");
		assertThat(config.minHeap()).isEqualTo("64m");
		assertThat(config.dataDirectory())
			.isEqualTo(Path.of("target", "embedded-cassandra", "node").toAbsolutePath().normalize());
		assertThat(config.cleanStart()).isFalse();
		assertThat(config.javaHome()).isNull();
		assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(config.jvmOptions()).isEmpty();
		assertThat(config.yamlEntries()).isEmpty();
		assertThat(config.kind()).isEqualTo(NodeKind.DURABLE);
		assertThat(config.username()).isNull();
		assertThat(config.password()).isNull();
		assertThat(config.shutdownHook()).isTrue();
	}

	@Test
	void credentialsAreCheckedAndThePasswordNeverShows() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().credentials("dev", "s3cret").build();
		assertThat(config.username()).isEqualTo("dev");
		assertThat(config.password()).isEqualTo("s3cret");
		assertThat(config.toString()).contains("username=dev").doesNotContain("s3cret");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().credentials(" ", "x"))
			.withMessageContaining("User name");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().credentials("dev", ""))
			.withMessage("Password of user 'dev' must not be empty");
	}

	@Test
	void clusterWithCredentialsIsRefusedBeforeAnyLaunch() {
		EmbeddedCassandraConfig template = EmbeddedCassandraCluster.nodeTemplate().credentials("dev", "s3cret").build();
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraCluster.start(2, template))
			.withMessage("Credentials are supported on a single node (EmbeddedCassandra), not on a cluster");
	}

	@Test
	void clusterNodesAreEphemeral() {
		assertThat(EmbeddedCassandraCluster.nodeTemplate().build().kind()).isEqualTo(NodeKind.EPHEMERAL);
	}

	@Test
	void toBuilderCopiesEverySetting() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder()
			.address("127.0.0.2")
			.nativePort(0)
			.storagePort(7100)
			.clusterName("it cluster")
			.maxHeap("1g")
			.minHeap("128m")
			.dataDirectory(Path.of("/tmp/node"))
			.cleanStart(true)
			.javaHome(Path.of("/opt/jdk"))
			.startupTimeout(Duration.ofSeconds(30))
			.shutdownTimeout(Duration.ofSeconds(5))
			.jvmOption("-Dsome.flag=true")
			.yamlEntry("phi_convict_threshold", "5")
			.kind(NodeKind.EPHEMERAL)
			.credentials("dev", "s3cret")
			.shutdownHook(false)
			.build();
		EmbeddedCassandraConfig copy = config.toBuilder().build();
		assertThat(copy).usingRecursiveComparison().isEqualTo(config);
	}

	@Test
	void laterYamlEntryReplacesEarlierOne() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder()
			.yamlEntry("auto_snapshot", "true")
			.yamlEntry("auto_snapshot", "false")
			.build();
		assertThat(config.yamlEntries())
			.containsExactly(org.assertj.core.api.Assertions.entry("auto_snapshot", "false"));
	}

	@Test
	void portOutOfRangeIsRejectedWithItsValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().nativePort(70000))
			.withMessageContaining("native port")
			.withMessageContaining("70000");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().storagePort(-1))
			.withMessageContaining("storage port")
			.withMessageContaining("-1");
	}

	@Test
	void samePortForNativeAndStorageIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraConfig.builder().nativePort(7000).storagePort(7000).build())
			.withMessageContaining("7000");
	}

	@Test
	void malformedOrTooSmallHeapIsRejectedWithItsValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().maxHeap("lots"))
			.withMessageContaining("'lots'");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().maxHeap("64m"))
			.withMessageContaining("'64m'")
			.withMessageContaining("too small");
	}

	@Test
	void minHeapAboveMaxHeapIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraConfig.builder().maxHeap("256m").minHeap("1g").build())
			.withMessageContaining("'1g'")
			.withMessageContaining("'256m'");
	}

	@Test
	void hostNameIsRejectedAsAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().address("localhost"))
			.withMessageContaining("'localhost'");
	}

	@Test
	void invalidClusterNameIsRejectedWithItsValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().clusterName("a/b"))
			.withMessageContaining("'a/b'");
	}

	@Test
	void nonPositiveTimeoutIsRejectedWithItsValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraConfig.builder().startupTimeout(Duration.ZERO))
			.withMessageContaining("startup timeout")
			.withMessageContaining("PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraConfig.builder().shutdownTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("shutdown timeout");
	}

	@Test
	void invalidYamlKeyOrMultiLineValueIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraConfig.builder().yamlEntry("Bad-Key", "1"))
			.withMessageContaining("'Bad-Key'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraConfig.builder().yamlEntry("seeds", "a\nb"))
			.withMessageContaining("'seeds'");
	}

	@Test
	void blankJvmOptionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraConfig.builder().jvmOption(" "))
			.withMessageContaining("blank");
	}

}
