package dev.asynccassandra.embedded.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link EmbeddedCassandraProcessIT}: starts a node, prints its
 * pid, then either waits (to be killed) or exits normally.
 */
public final class NodeHelperMain {

	static final String PID_PREFIX = "NODE_PID=";

	private NodeHelperMain() {
	}

	public static void main(String[] arguments) throws IOException {
		Path dataDirectory = Path.of(arguments[0]);
		boolean exitAtOnce = "exit".equals(arguments[1]);
		EmbeddedCassandra cassandra = EmbeddedCassandra.start(EmbeddedCassandraConfig.builder()
			.nativePort(0)
			.storagePort(0)
			.kind(NodeKind.EPHEMERAL)
			.dataDirectory(dataDirectory)
			.build());
		System.out.println(PID_PREFIX + cassandra.pid().orElseThrow());
		System.out.flush();
		if (!exitAtOnce) {
			// Runs until the test kills this JVM or closes (or loses) the pipe.
			while (System.in.read() != -1) {
				// Input is ignored.
			}
		}
	}

}
