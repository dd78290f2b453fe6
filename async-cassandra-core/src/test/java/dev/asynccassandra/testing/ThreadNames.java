package dev.asynccassandra.testing;

import java.util.regex.Pattern;

/**
 * Thread-name checks for the threading invariant.
 */
public final class ThreadNames {

	/**
	 * The driver's I/O and admin threads, for any session name ({@code s0},
	 * {@code s1}...).
	 */
	public static final Pattern DRIVER_THREAD = Pattern.compile("s\\d+-(io|admin)-\\d+");

	/** The session's default completion pool. */
	public static final Pattern DEFAULT_POOL_THREAD = Pattern.compile("async-cassandra-\\d+");

	private ThreadNames() {
	}

	public static boolean isDriverThread(String name) {
		return DRIVER_THREAD.matcher(name).matches();
	}

}
