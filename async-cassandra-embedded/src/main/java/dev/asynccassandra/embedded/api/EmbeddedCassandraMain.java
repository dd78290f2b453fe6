package dev.asynccassandra.embedded.api;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Starts one embedded node and keeps it running until the JVM is stopped, for example
 * with Ctrl-C; a shutdown hook then drains and stops the node. Arguments (all optional):
 * <pre>
 * --address=127.0.0.1          listen and CQL address (an IP literal)
 * --native-port=9042           CQL port (0 picks a free one)
 * --storage-port=7000          inter-node port (0 picks a free one)
 * --data-directory=PATH        node folder (default target/embedded-cassandra/node)
 * --kind=durable|ephemeral     durable keeps the data (default), ephemeral starts clean
 * </pre> Bad arguments print a usage message and exit with status {@value #USAGE_STATUS}.
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraMain {

	/** Exit status after bad arguments. */
	public static final int USAGE_STATUS = 2;

	static final String USAGE = """
			Usage: java -cp ... dev.asynccassandra.embedded.api.EmbeddedCassandraMain [options]
			  --address=IP               listen and CQL address (default 127.0.0.1)
			  --native-port=PORT         CQL port, 0 picks a free one (default 9042)
			  --storage-port=PORT        inter-node port, 0 picks a free one (default 7000)
			  --data-directory=PATH      node folder (default target/embedded-cassandra/node)
			  --kind=durable|ephemeral   durable keeps the data across runs (default);
			                             ephemeral empties the folder and runs unsafe speed-ups
			  --help                     print this message""";

	private EmbeddedCassandraMain() {
	}

	/**
	 * Runs the node.
	 * @param arguments the options described above
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] arguments) throws InterruptedException {
		PrintStream out = System.out;
		EmbeddedCassandraConfig config;
		try {
			config = parse(arguments);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(USAGE_STATUS);
			return;
		}
		if (config == null) {
			out.println(USAGE);
			return;
		}
		EmbeddedCassandra cassandra = EmbeddedCassandra.start(config);
		out.println("Cassandra " + cassandra.releaseVersion() + " is running ("
				+ config.kind().name().toLowerCase(Locale.ROOT) + "): contact point "
				+ cassandra.contactPoint().getAddress().getHostAddress() + ":" + cassandra.contactPoint().getPort()
				+ ", local datacenter " + cassandra.localDatacenter() + ", folder " + config.dataDirectory() + ", log "
				+ cassandra.logFile());
		out.println("Press Ctrl-C to stop it.");
		while (cassandra.isRunning()) {
			TimeUnit.SECONDS.sleep(1);
		}
		out.println("Cassandra stopped.");
	}

	/**
	 * Parses the arguments.
	 * @param arguments the command line arguments
	 * @return the configuration, or {@code null} when help was asked for
	 * @throws IllegalArgumentException naming the bad argument
	 */
	static @Nullable EmbeddedCassandraConfig parse(String[] arguments) {
		EmbeddedCassandraConfig.Builder builder = EmbeddedCassandraConfig.builder();
		for (String argument : arguments) {
			if ("--help".equals(argument) || "-h".equals(argument)) {
				return null;
			}
			int equals = argument.indexOf('=');
			if (!argument.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Unknown argument '" + argument + "': use --name=value");
			}
			String name = argument.substring(2, equals);
			String value = argument.substring(equals + 1);
			switch (name) {
				case "address" -> builder.address(value);
				case "native-port" -> builder.nativePort(port(name, value));
				case "storage-port" -> builder.storagePort(port(name, value));
				case "data-directory" -> builder.dataDirectory(Path.of(value));
				case "kind" -> builder.kind(kind(value));
				default -> throw new IllegalArgumentException("Unknown option '--" + name + "'");
			}
		}
		return builder.build();
	}

	private static int port(String name, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number from 0 to 65535, not '" + value + "'");
		}
	}

	private static NodeKind kind(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "durable" -> NodeKind.DURABLE;
			case "ephemeral" -> NodeKind.EPHEMERAL;
			default -> throw new IllegalArgumentException("--kind must be durable or ephemeral, not '" + value + "'");
		};
	}

}
