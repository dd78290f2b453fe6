package dev.asynccassandra.embedded.internal.node;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.asynccassandra.embedded.api.NodeKind;
import dev.asynccassandra.embedded.internal.classpath.ServerClasspath;
import dev.asynccassandra.embedded.internal.jdk.JavaHomeResolver;
import dev.asynccassandra.embedded.internal.server.BootstrapClasses;

/**
 * Builds the command line of a node's JVM: Java 17 module flags, heap, Cassandra's
 * folders, the test speed-ups of an {@link NodeKind#EPHEMERAL ephemeral} node, then the
 * bootstrap main class.
 */
final class JvmArguments {

	private JvmArguments() {
	}

	/**
	 * Returns the full command.
	 * @param javaHome the Java home running the node
	 * @param classpath the server's jars
	 * @param settings the node settings
	 * @param directory the node's folder layout
	 * @return the command and its arguments
	 */
	public static List<String> command(Path javaHome, ServerClasspath classpath, NodeSettings settings,
			NodeDirectory directory) {
		List<String> command = new ArrayList<>();
		command.add(JavaHomeResolver.javaExecutable(javaHome).toString());
		command.add("--add-opens");
		command.add("java.base/sun.nio.ch=ALL-UNNAMED");
		command.add("--add-exports");
		command.add("java.base/jdk.internal.ref=ALL-UNNAMED");
		command.add("--add-opens");
		command.add("java.base/java.io=ALL-UNNAMED");
		command.add("-Xms" + settings.config().minHeap());
		command.add("-Xmx" + settings.config().maxHeap());
		command.add("-Xss256k");
		command.add("-XX:+UseG1GC");
		command.add("-XX:+ExitOnOutOfMemoryError");
		// C1 only: halves the CPU a node burns while starting (measured 19 s -> 8.6 s).
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Djava.net.preferIPv4Stack=true");
		command.add("-Dcassandra.config=" + directory.yaml().toUri());
		command.add("-Dcassandra.storagedir=" + directory.root());
		command.add("-Dcassandra.logdir=" + directory.logs());
		command.add("-Dcassandra.triggers_dir=" + directory.triggers());
		command.add("-Dlogback.configurationFile=" + directory.logbackConfiguration());
		command.add("-Dcassandra-foreground=yes");
		if (settings.config().kind() == NodeKind.EPHEMERAL) {
			command.add("-Dcassandra.unsafesystem=true");
			command.add("-Dcassandra.test.flush_local_schema_changes=false");
		}
		command.add("-Dcassandra.superuser_setup_delay_ms=0");
		command.add("-Dcassandra.shutdown_announce_in_ms=0");
		if (settings.clusterMember()) {
			command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
			command.add("-Dcassandra.ring_delay_ms=1000");
		}
		command.addAll(settings.config().jvmOptions());
		command.add("-cp");
		command.add(classpathOf(directory.bootstrapClasses(), classpath.jars()));
		command.add(BootstrapClasses.mainClassName());
		return command;
	}

	private static String classpathOf(Path bootstrapClasses, List<Path> jars) {
		List<String> entries = new ArrayList<>(jars.size() + 1);
		entries.add(bootstrapClasses.toString());
		jars.forEach((jar) -> entries.add(jar.toString()));
		return String.join(File.pathSeparator, entries);
	}

}
