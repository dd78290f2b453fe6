package dev.asynccassandra.embedded.api;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Starts one embedded node with the defaults ({@code 127.0.0.1:9042}, data under
 * {@code target/embedded-cassandra/node} of the working directory) and keeps it running
 * until the JVM is stopped, for example with Ctrl-C; a shutdown hook then stops the node.
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraMain {

	private EmbeddedCassandraMain() {
	}

	/**
	 * Runs the node.
	 * @param arguments ignored
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] arguments) throws InterruptedException {
		PrintStream out = System.out;
		EmbeddedCassandra cassandra = EmbeddedCassandra.start(EmbeddedCassandraConfig.builder().build());
		out.println("Cassandra " + cassandra.releaseVersion() + " is running: contact point "
				+ cassandra.contactPoint().getAddress().getHostAddress() + ":" + cassandra.contactPoint().getPort()
				+ ", local datacenter " + cassandra.localDatacenter() + ", log " + cassandra.logFile());
		out.println("Press Ctrl-C to stop it.");
		while (cassandra.isRunning()) {
			TimeUnit.SECONDS.sleep(1);
		}
		out.println("Cassandra stopped.");
	}

}
