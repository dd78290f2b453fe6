package dev.asynccassandra.embedded.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Entry point of the Cassandra child JVM. It halts the JVM as soon as its standard input
 * reaches end of file, which happens when the parent process is gone (even after
 * {@code SIGKILL}), then runs {@code CassandraDaemon.main}. The parent keeps the pipe
 * open for the node's whole life.
 * <p>
 * Uses the JDK only: it is copied, as a class file, onto the child's classpath.
 */
public final class ParentWatchingMain {

	/** The class started once the watcher runs. */
	public static final String CASSANDRA_MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

	/** Exit status used when the parent is gone. */
	public static final int PARENT_GONE_STATUS = 143;

	private ParentWatchingMain() {
	}

	/**
	 * Starts the parent watcher, then Cassandra.
	 * @param arguments passed to {@code CassandraDaemon.main}
	 * @throws Exception if Cassandra cannot be started
	 */
	public static void main(String[] arguments) throws Exception {
		Thread watcher = new Thread(() -> haltWhenDrained(System.in), "parent-watcher");
		watcher.setDaemon(true);
		watcher.start();
		Method main = Class.forName(CASSANDRA_MAIN_CLASS).getMethod("main", String[].class);
		try {
			main.invoke(null, (Object) arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof Exception exception) ? exception : ex;
		}
	}

	private static void haltWhenDrained(InputStream input) {
		byte[] buffer = new byte[64];
		try {
			while (input.read(buffer) != -1) {
				// The parent writes nothing; any bytes are ignored.
			}
		}
		catch (IOException ex) {
			// A broken pipe also means the parent is gone.
		}
		System.err.println("Parent process is gone: halting the Cassandra node");
		Runtime.getRuntime().halt(PARENT_GONE_STATUS);
	}

}
