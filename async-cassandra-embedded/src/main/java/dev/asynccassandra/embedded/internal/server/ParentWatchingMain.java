package dev.asynccassandra.embedded.internal.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;

/**
 * Entry point of the Cassandra child JVM. It runs {@code CassandraDaemon.main} and
 * watches its standard input, a pipe the parent keeps open for the node's whole life: the
 * line {@value #DRAIN_COMMAND} (the parent stopping the node) or the end of the input
 * (the parent is gone, even after {@code SIGKILL}) drains the node as
 * {@code nodetool drain} does (memtables flushed, commit log recycled) and exits. A drain
 * that outlasts {@link #DRAIN_BOUND_SECONDS} halts the JVM.
 * <p>
 * {@code SIGINT} is ignored: Ctrl-C in a terminal reaches the parent and this JVM alike,
 * and the parent stops the node once its own clients are closed. {@code SIGTERM} keeps
 * Cassandra's behaviour (its shutdown hook drains).
 * <p>
 * Uses the JDK only (Cassandra's classes by reflection): it is copied, as a class file,
 * onto the child's classpath.
 */
public final class ParentWatchingMain {

	/** The class started once the watcher runs. */
	public static final String CASSANDRA_MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

	/** The line the parent writes to stop the node. */
	public static final String DRAIN_COMMAND = "drain";

	/**
	 * Printed once the node drained, followed by the time it took in milliseconds; the
	 * API's constant (a compile-time constant, inlined, so this class stays JDK-only).
	 */
	static final String DRAINED_MESSAGE = EmbeddedCassandra.DRAINED_CONSOLE_LINE;

	/** Bound on a drain before the JVM halts. */
	public static final long DRAIN_BOUND_SECONDS = 60;

	/** Exit status used when the drain failed or outlasted its bound. */
	public static final int DRAIN_FAILED_STATUS = 143;

	private static final String STORAGE_SERVICE_CLASS = "org.apache.cassandra.service.StorageService";

	private ParentWatchingMain() {
	}

	/**
	 * Starts the parent watcher, then Cassandra.
	 * @param arguments passed to {@code CassandraDaemon.main}
	 * @throws Exception if Cassandra cannot be started
	 */
	public static void main(String[] arguments) throws Exception {
		ignoreInterrupt();
		Thread watcher = new Thread(() -> drainWhenAsked(System.in), "parent-watcher");
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

	private static void drainWhenAsked(InputStream input) {
		String reason = "Parent process is gone";
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (DRAIN_COMMAND.equals(line.trim())) {
					reason = "Parent process asked for a stop";
					break;
				}
			}
		}
		catch (IOException ex) {
			// A broken pipe also means the parent is gone.
		}
		drainAndExit(reason);
	}

	private static void drainAndExit(String reason) {
		System.out.println(reason + ": draining the Cassandra node");
		System.out.flush();
		Thread watchdog = new Thread(ParentWatchingMain::haltAfterBound, "drain-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		long start = System.nanoTime();
		int status = 0;
		try {
			Object storageService = Class.forName(STORAGE_SERVICE_CLASS).getField("instance").get(null);
			storageService.getClass().getMethod("drain").invoke(storageService);
			System.out.println(DRAINED_MESSAGE + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		catch (InvocationTargetException ex) {
			System.out.println("Cassandra node could not drain: " + ex.getCause());
			status = DRAIN_FAILED_STATUS;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			System.out.println("Cassandra node could not drain: " + ex);
			status = DRAIN_FAILED_STATUS;
		}
		System.out.flush();
		System.exit(status);
	}

	private static void haltAfterBound() {
		try {
			TimeUnit.SECONDS.sleep(DRAIN_BOUND_SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		System.out.println("Cassandra node did not drain and exit within " + DRAIN_BOUND_SECONDS + " s: halting");
		System.out.flush();
		Runtime.getRuntime().halt(DRAIN_FAILED_STATUS);
	}

	/**
	 * Replaces the JVM's {@code SIGINT} handler (which runs the shutdown hooks) with one
	 * that only logs. Uses {@code sun.misc.Signal} by reflection; where it is missing,
	 * the default handling stays.
	 */
	private static void ignoreInterrupt() {
		try {
			Class<?> signalClass = Class.forName("sun.misc.Signal");
			Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
			Object signal = signalClass.getConstructor(String.class).newInstance("INT");
			InvocationHandler ignore = (proxy, method, arguments) -> {
				if ("handle".equals(method.getName())) {
					System.out.println("Ignoring SIGINT: the parent process stops this node");
					return null;
				}
				return switch (method.getName()) {
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == arguments[0];
					default -> "ignore-SIGINT";
				};
			};
			Object handler = Proxy.newProxyInstance(ParentWatchingMain.class.getClassLoader(),
					new Class<?>[] { handlerClass }, ignore);
			signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			System.out.println("SIGINT keeps its default handling: " + ex);
		}
	}

}
