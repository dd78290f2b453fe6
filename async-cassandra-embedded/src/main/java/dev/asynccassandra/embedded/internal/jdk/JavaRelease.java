package dev.asynccassandra.embedded.internal.jdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Java feature version of a Java home from its {@code release} file.
 */
final class JavaRelease {

	private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\r\\n]+)\"?\\s*$");

	private JavaRelease() {
	}

	/**
	 * Returns the feature version of the Java home, read from its {@code release} file.
	 * @param javaHome a Java home
	 * @return the feature version, or empty if the file is missing or unreadable
	 */
	public static OptionalInt featureVersion(Path javaHome) {
		Path release = javaHome.resolve("release");
		if (!Files.isRegularFile(release)) {
			return OptionalInt.empty();
		}
		try {
			return parseFeatureVersion(Files.readString(release, StandardCharsets.ISO_8859_1));
		}
		catch (IOException ex) {
			return OptionalInt.empty();
		}
	}

	/**
	 * Parses the feature version from the content of a {@code release} file:
	 * {@code JAVA_VERSION="17.0.15"} gives 17 and {@code JAVA_VERSION="1.8.0_392"} gives
	 * 8.
	 * @param releaseFile the file content
	 * @return the feature version, or empty if there is no readable {@code JAVA_VERSION}
	 */
	static OptionalInt parseFeatureVersion(String releaseFile) {
		Matcher matcher = JAVA_VERSION.matcher(releaseFile);
		if (!matcher.find()) {
			return OptionalInt.empty();
		}
		String[] parts = matcher.group(1).trim().split("[._+-]");
		try {
			int first = Integer.parseInt(parts[0]);
			if (first == 1 && parts.length > 1) {
				return OptionalInt.of(Integer.parseInt(parts[1]));
			}
			return OptionalInt.of(first);
		}
		catch (NumberFormatException ex) {
			return OptionalInt.empty();
		}
	}

}
