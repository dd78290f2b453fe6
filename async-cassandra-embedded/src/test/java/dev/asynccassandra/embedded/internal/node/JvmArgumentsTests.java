package dev.asynccassandra.embedded.internal.node;

import java.nio.file.Path;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandraConfig;
import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.embedded.internal.server.ParentWatchingMain;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmArgumentsTests {

	@Test
	void commandRunsTheBootstrapClassWithJava17FlagsAndNodeFolders() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder()
			.kind(NodeKind.EPHEMERAL)
			.maxHeap("256m")
			.jvmOption("-Dextra=1")
			.build();
		NodeDirectory directory = new NodeDirectory(Path.of("/data/node"));
		List<String> command = JvmArguments.command(Path.of("/jdk"),
				TestClasspaths.of(Path.of("/repo/a.jar"), Path.of("/repo/b.jar")),
				NodeSettings.singleNode(config, 9042, 7000), directory);
		assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
		assertThat(command).containsSequence("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED")
			.containsSequence("--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED")
			.containsSequence("--add-opens", "java.base/java.io=ALL-UNNAMED")
			.contains("-Xms64m", "-Xmx256m", "-Dcassandra-foreground=yes",
					"-Dcassandra.config=file:///data/node/cassandra.yaml", "-Dcassandra.logdir=/data/node/logs",
					"-Dcassandra.storagedir=/data/node", "-Dlogback.configurationFile=/data/node/logback.xml",
					"-Dcassandra.unsafesystem=true", "-XX:TieredStopAtLevel=1", "-Dextra=1")
			.doesNotContain("-Dcassandra.ring_delay_ms=1000")
			.containsSequence("-cp", "/data/node/bootstrap:/repo/a.jar:/repo/b.jar",
					ParentWatchingMain.class.getName());
		assertThat(command.get(command.size() - 1)).isEqualTo(ParentWatchingMain.class.getName());
		assertThat(command).contains("-Dcassandra.test.flush_local_schema_changes=false");
	}

	@Test
	void durableNodeRunsWithoutTheUnsafeSpeedUps() {
		EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().build();
		assertThat(config.kind()).isEqualTo(NodeKind.DURABLE);
		List<String> command = JvmArguments.command(Path.of("/jdk"), TestClasspaths.of(Path.of("/repo/a.jar")),
				NodeSettings.singleNode(config, 9042, 7000), new NodeDirectory(Path.of("/data/node")));
		assertThat(command).noneMatch((argument) -> argument.startsWith("-Dcassandra.unsafesystem"))
			.noneMatch((argument) -> argument.startsWith("-Dcassandra.test.flush_local_schema_changes"))
			.contains("-Dcassandra-foreground=yes");
	}

}
