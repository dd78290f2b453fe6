package dev.asynccassandra.embedded.internal.classpath;

import java.util.Arrays;
import java.util.Locale;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;

/**
 * One jar of the server's classpath, as recorded by
 * {@code async-cassandra-embedded-server}: its path in a Maven repository and the
 * coordinates that path encodes
 * ({@code group/as/folders/artifactId/version/artifactId-version[-classifier].extension}).
 *
 * @param groupId the group, such as {@code org.apache.cassandra}
 * @param artifactId the artifact, such as {@code cassandra-all}
 * @param version the version, such as {@code 5.0.6}
 * @param classifier the classifier, empty if none
 * @param extension the file extension, such as {@code jar}
 * @param path the path relative to a repository's root, with {@code /} separators
 */
public record ServerArtifact(String groupId, String artifactId, String version, String classifier, String extension,
		String path) {

	/**
	 * Derives an artifact from its path in a Maven repository.
	 * @param path a path such as {@code org/lz4/lz4-java/1.8.0/lz4-java-1.8.0.jar}, with
	 * or without a leading {@code /}
	 * @return the artifact
	 * @throws EmbeddedCassandraException if the path does not follow the repository
	 * layout
	 */
	public static ServerArtifact fromRepositoryPath(String path) {
		String relative = path.replaceFirst("^/+", "");
		String[] segments = relative.split("/");
		if (segments.length < 4 || Arrays.stream(segments)
			.anyMatch((segment) -> segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
			throw notInLayout(path);
		}
		String fileName = segments[segments.length - 1];
		String version = segments[segments.length - 2];
		String artifactId = segments[segments.length - 3];
		String groupId = String.join(".", Arrays.copyOfRange(segments, 0, segments.length - 3));
		String prefix = artifactId + "-" + version;
		if (!fileName.startsWith(prefix) || fileName.length() == prefix.length()) {
			throw notInLayout(path);
		}
		String rest = fileName.substring(prefix.length());
		String classifier = "";
		if (rest.startsWith("-")) {
			int dot = rest.indexOf('.');
			if (dot < 2) {
				throw notInLayout(path);
			}
			classifier = rest.substring(1, dot);
			rest = rest.substring(dot);
		}
		if (!rest.startsWith(".") || rest.length() == 1) {
			throw notInLayout(path);
		}
		return new ServerArtifact(groupId, artifactId, version, classifier, rest.substring(1).toLowerCase(Locale.ROOT),
				relative);
	}

	private static EmbeddedCassandraException notInLayout(String path) {
		return new EmbeddedCassandraException("Server classpath entry '" + path
				+ "' is not a path in a Maven repository (group/artifact/version/artifact-version.jar)");
	}

	/**
	 * Returns the coordinates in Maven's short form.
	 * @return {@code groupId:artifactId:version}, or
	 * {@code groupId:artifactId:extension:classifier:version} with a classifier
	 */
	public String coordinates() {
		if (this.classifier.isEmpty()) {
			return this.groupId + ":" + this.artifactId + ":" + this.version;
		}
		return this.groupId + ":" + this.artifactId + ":" + this.extension + ":" + this.classifier + ":" + this.version;
	}

	@Override
	public String toString() {
		return coordinates();
	}

}
