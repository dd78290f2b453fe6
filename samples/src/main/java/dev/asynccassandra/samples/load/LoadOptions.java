package dev.asynccassandra.samples.load;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Options of the load command, parsed from {@code --name=value} arguments.
 *
 * @param url the base URL of the running sample
 * @param rate requests per second to send
 * @param duration how long to send
 * @param sensors how many sensors to spread the writes over
 * @param readPercent the share of requests that read the latest value (0 to 100), the
 * rest ingest one reading
 */
public record LoadOptions(URI url, int rate, Duration duration, int sensors, int readPercent) {

	/** Defaults: {@code http://localhost:8080}, 200/s, 20 s, 10 sensors, 10% reads. */
	public static final LoadOptions DEFAULTS = new LoadOptions(URI.create("http://localhost:8080"), 200,
			Duration.ofSeconds(20), 10, 10);

	/**
	 * Checks the options.
	 */
	public LoadOptions {
		if (rate < 1 || rate > 100_000) {
			throw new IllegalArgumentException("--rate must be 1 to 100000 requests per second");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("--duration must be positive");
		}
		if (sensors < 1) {
			throw new IllegalArgumentException("--sensors must be at least 1");
		}
		if (readPercent < 0 || readPercent > 100) {
			throw new IllegalArgumentException("--read-percent must be 0 to 100");
		}
	}

	/**
	 * Parses {@code --url=}, {@code --rate=}, {@code --duration=} ({@code 20s},
	 * {@code 2m}, {@code 500ms} or ISO-8601 {@code PT20S}), {@code --sensors=} and
	 * {@code --read-percent=}; also accepts {@code --name value}.
	 * @param args the arguments
	 * @return the options, defaults for those not given
	 */
	public static LoadOptions parse(String... args) {
		URI url = DEFAULTS.url();
		int rate = DEFAULTS.rate();
		Duration duration = DEFAULTS.duration();
		int sensors = DEFAULTS.sensors();
		int readPercent = DEFAULTS.readPercent();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
			}
			String name;
			String value;
			int equals = arg.indexOf('=');
			if (equals > 0) {
				name = arg.substring(2, equals);
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.length) {
				name = arg.substring(2);
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("Missing value of '" + arg + "'");
			}
			switch (name) {
				case "url" -> url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
				case "rate" -> rate = parseInt(name, value);
				case "duration" -> duration = parseDuration(value);
				case "sensors" -> sensors = parseInt(name, value);
				case "read-percent" -> readPercent = parseInt(name, value);
				default -> throw new IllegalArgumentException("Unknown option '--" + name + "'");
			}
		}
		return new LoadOptions(url, rate, duration, sensors, readPercent);
	}

	/**
	 * Parses a duration: {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, a plain
	 * number of seconds, or ISO-8601.
	 * @param text the text
	 * @return the duration
	 */
	static Duration parseDuration(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		try {
			if (value.startsWith("p")) {
				return Duration.parse(value.toUpperCase(Locale.ROOT));
			}
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			if (value.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			if (value.endsWith("h")) {
				return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			return Duration.ofSeconds(Long.parseLong(value));
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			throw new IllegalArgumentException("--duration '" + text + "' is not a duration like 20s, 2m or PT20S");
		}
	}

	private static int parseInt(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " '" + value + "' is not a whole number");
		}
	}

}
