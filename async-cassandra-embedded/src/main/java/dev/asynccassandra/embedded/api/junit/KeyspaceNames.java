package dev.asynccassandra.embedded.api.junit;

import java.util.Locale;

/**
 * Derives a keyspace name from a test class name: {@code SessionRoundTripIT} gives
 * {@code session_round_trip_it}.
 */
final class KeyspaceNames {

	/** Longest keyspace name Cassandra accepts. */
	static final int MAXIMUM_LENGTH = 48;

	private KeyspaceNames() {
	}

	/**
	 * Returns the keyspace name for a class; nested classes include their enclosing
	 * classes' names.
	 * @param testClass the class
	 * @return a valid unquoted CQL identifier of at most 48 characters
	 */
	static String forClass(Class<?> testClass) {
		String name = testClass.getName();
		int packageEnd = name.lastIndexOf('.');
		return sanitize(name.substring(packageEnd + 1).replace('$', '_'));
	}

	/**
	 * Turns any text into a keyspace name: camel case into snake case, lower case,
	 * anything but letters and digits into {@code _}, a leading letter, at most 48
	 * characters.
	 * @param text the text
	 * @return the keyspace name
	 */
	static String sanitize(String text) {
		String snake = text.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
		String name = snake.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
			name = "ks_" + name;
		}
		return (name.length() > MAXIMUM_LENGTH) ? name.substring(0, MAXIMUM_LENGTH) : name;
	}

}
