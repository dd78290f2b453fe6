package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.internal.server.ParentWatchingMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops a node left running on a folder by an earlier run, using the folder's
 * pid file. A process is only stopped when its command line names Cassandra (or our
 * bootstrap class) and the folder, so a reused pid is never touched.
 */
final class LeftoverNode {

	private static final Logger logger = LoggerFactory.getLogger(LeftoverNode.class);

	private LeftoverNode() {
	}

	/**
	 * Stops the node recorded in the folder's pid file, if it is still running.
	 * @param directory the node's folder layout
	 * @param shutdownTimeout the bound on a graceful stop (the same bound then applies
	 * after a kill)
	 * @return the pid of the stopped process, if there was one
	 * @throws EmbeddedCassandraException if the process outlives both bounds
	 */
	public static Optional<Long> stopIfRunning(NodeDirectory directory, Duration shutdownTimeout) {
		Optional<ProcessHandle> leftover = readPid(directory.pidFile()).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> isNodeOf(process, directory.root()));
		if (leftover.isEmpty()) {
			return Optional.empty();
		}
		ProcessHandle process = leftover.get();
		logger.warn("Stopping Cassandra node (pid {}) left running on {} by an earlier run", process.pid(),
				directory.root());
		ProcessStopper.stop(process, shutdownTimeout);
		return Optional.of(process.pid());
	}

	/**
	 * Records the pid of a launched node.
	 * @param directory the node's folder layout
	 * @param pid the pid
	 */
	public static void writePid(NodeDirectory directory, long pid) {
		try {
			Files.writeString(directory.pidFile(), Long.toString(pid) + "\n", StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new EmbeddedCassandraException("Cannot write pid file " + directory.pidFile(), ex);
		}
	}

	/**
	 * Deletes the pid file after the node stopped, unless it names another process (a
	 * newer node on the same folder).
	 * @param directory the node's folder layout
	 * @param pid the pid of the stopped node
	 */
	public static void deletePid(NodeDirectory directory, long pid) {
		if (readPid(directory.pidFile()).filter((recorded) -> recorded != pid).isPresent()) {
			return;
		}
		try {
			Files.deleteIfExists(directory.pidFile());
		}
		catch (IOException ex) {
			logger.debug("Cannot delete pid file {}", directory.pidFile(), ex);
		}
	}

	static Optional<Long> readPid(Path pidFile) {
		try {
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	static boolean isNodeOf(ProcessHandle process, Path root) {
		String commandLine = commandLine(process);
		boolean cassandra = commandLine.contains(ParentWatchingMain.CASSANDRA_MAIN_CLASS)
				|| commandLine.contains(ParentWatchingMain.class.getName());
		return cassandra && commandLine.contains(root.toString());
	}

	private static String commandLine(ProcessHandle process) {
		Path procCommandLine = Path.of("/proc", Long.toString(process.pid()), "cmdline");
		if (Files.isReadable(procCommandLine)) {
			try {
				return new String(Files.readAllBytes(procCommandLine), StandardCharsets.UTF_8).replace('\0', ' ');
			}
			catch (IOException ex) {
				// Fall back to what the JDK reports.
			}
		}
		ProcessHandle.Info info = process.info();
		return info.commandLine()
			.orElseGet(
					() -> info.command().orElse("") + " " + String.join(" ", info.arguments().orElse(new String[0])));
	}

}
