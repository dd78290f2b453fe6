package dev.asynccassandra.spring.testing;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Ports nothing listens on at the moment, for a node the test starts later.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Returns a port that was free when asked.
	 * @return the port
	 * @throws IOException if no socket could be opened
	 */
	public static int next() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
