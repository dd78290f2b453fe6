package dev.asynccassandra.distribution;

import java.util.Locale;

/**
 * A module the bundle must publish: its artifact id and whether it ships a jar (with
 * sources and javadoc jars), only a POM, or is the bill of materials (a POM that must
 * manage every jar module).
 *
 * @param artifactId the artifact id
 * @param packaging {@code jar}, {@code pom} or {@code bom}
 */
public record PublishedModule(String artifactId, String packaging) {

	/**
	 * Validates the values.
	 * @param artifactId the artifact id
	 * @param packaging {@code jar}, {@code pom} or {@code bom}
	 */
	public PublishedModule {
		if (artifactId.isBlank()) {
			throw new IllegalArgumentException("A published module needs an artifact id");
		}
		if (!packaging.equals("jar") && !packaging.equals("pom") && !packaging.equals("bom")) {
			throw new IllegalArgumentException(
					"Packaging of " + artifactId + " must be 'jar', 'pom' or 'bom', not '" + packaging + "'");
		}
	}

	/**
	 * Parses {@code artifactId:packaging}.
	 * @param value the text, for example {@code async-cassandra-core:jar}
	 * @return the module
	 */
	public static PublishedModule parse(String value) {
		int colon = value.indexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException(
					"A published module is written artifactId:packaging (jar, pom or bom), not '" + value + "'");
		}
		return new PublishedModule(value.substring(0, colon).trim(),
				value.substring(colon + 1).trim().toLowerCase(Locale.ROOT));
	}

	/**
	 * Whether the module ships a jar, and so a sources and a javadoc jar.
	 * @return {@code true} for {@code jar} packaging
	 */
	public boolean hasJar() {
		return this.packaging.equals("jar");
	}

	/**
	 * Whether the module is the bill of materials.
	 * @return {@code true} for {@code bom} packaging
	 */
	public boolean isBom() {
		return this.packaging.equals("bom");
	}

}
