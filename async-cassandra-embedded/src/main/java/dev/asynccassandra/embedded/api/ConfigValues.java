package dev.asynccassandra.embedded.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks and parses the values of an {@link EmbeddedCassandraConfig}; every failure names
 * the bad value.
 */
final class ConfigValues {

	private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

	private ConfigValues() {
	}

	static InetAddress parseAddress(String address) {
		Objects.requireNonNull(address, "'address' must not be null");
		if (!address.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
			throw new IllegalArgumentException("Address '" + address + "' must be an IP literal such as 127.0.0.1");
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Address '" + address + "' is not a valid IP address", ex);
		}
	}

	static int checkPort(String name, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(
					"The " + name + " must be 0 (pick a free port) or 1 to 65535, not " + port);
		}
		return port;
	}

	static String checkHeapSize(String name, String size, long minimumBytes) {
		Objects.requireNonNull(size, "'size' must not be null");
		if (!HEAP_SIZE.matcher(size).matches()) {
			throw new IllegalArgumentException(
					"The " + name + " '" + size + "' is invalid: use a size such as 256m or 1g");
		}
		if (heapBytes(size) < minimumBytes) {
			throw new IllegalArgumentException(
					"The " + name + " '" + size + "' is too small: use at least " + (minimumBytes >> 20) + "m");
		}
		return size;
	}

	static long heapBytes(String size) {
		char unit = Character.toLowerCase(size.charAt(size.length() - 1));
		String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
		long value = Long.parseLong(digits);
		return switch (unit) {
			case 'k' -> value << 10;
			case 'm' -> value << 20;
			case 'g' -> value << 30;
			default -> value;
		};
	}

	static Duration checkPositive(String name, Duration duration) {
		Objects.requireNonNull(duration, () -> "'" + name.replace(' ', '-') + "' must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("The " + name + " must be positive, not " + duration);
		}
		return duration;
	}

}
