package dev.asynccassandra.embedded.internal.node;

import java.nio.file.Path;
import java.util.List;

/**
 * Finds embedded Cassandra JVMs by their command line: every node is launched with
 * {@code -Dcassandra.config=} pointing into its data folder.
 */
final class NodeProcesses {

	private static final String CONFIG_ARGUMENT = "-Dcassandra.config=";

	private NodeProcesses() {
	}

	/**
	 * The live Cassandra JVMs whose configuration lies under a folder.
	 * @param folder the folder, made absolute
	 * @return the processes
	 */
	public static List<ProcessHandle> under(Path folder) {
		String path = folder.toAbsolutePath().normalize().toString();
		return ProcessHandle.allProcesses()
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info()
				.commandLine()
				.filter((line) -> line.contains(CONFIG_ARGUMENT) && line.contains(path))
				.isPresent())
			.toList();
	}

}
