package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraPortInUseException;

/**
 * Checks ports before launch and picks free ones.
 */
final class Ports {

	private static final int ATTEMPTS = 50;

	private Ports() {
	}

	/**
	 * Fails if the port cannot be bound on the address.
	 * @param address the address
	 * @param port the port
	 * @param role what the port is for, used in the message
	 * @throws EmbeddedCassandraPortInUseException naming {@code address:port} if it is in
	 * use
	 */
	public static void checkFree(InetAddress address, int port, String role) {
		if (!isFree(address, port)) {
			throw new EmbeddedCassandraPortInUseException(role, address, port);
		}
	}

	/**
	 * Returns a port free on every given address.
	 * @param addresses the addresses
	 * @param excluded a port not to return (0 for none)
	 * @return a free port
	 * @throws EmbeddedCassandraException if none was found
	 */
	public static int freePort(List<InetAddress> addresses, int excluded) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int candidate = ephemeralPort(addresses.get(0));
			if (candidate != excluded && addresses.stream().allMatch((address) -> isFree(address, candidate))) {
				return candidate;
			}
		}
		throw new EmbeddedCassandraException("No port free on all of " + addresses + " after " + ATTEMPTS + " tries");
	}

	private static int ephemeralPort(InetAddress address) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(address, 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new EmbeddedCassandraException("Cannot bind a port on " + address.getHostAddress(), ex);
		}
	}

	private static boolean isFree(InetAddress address, int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(address, port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
