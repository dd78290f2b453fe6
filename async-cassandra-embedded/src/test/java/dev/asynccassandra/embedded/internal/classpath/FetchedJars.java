package dev.asynccassandra.embedded.internal.classpath;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks what a fetch left in a local Maven repository: each jar byte for byte the one in
 * the build's own repository (compared by SHA-1).
 */
public final class FetchedJars {

	private FetchedJars() {
	}

	/**
	 * Asserts that every jar of the listing is in the local repository as built.
	 * @param localRepository the repository fetched into
	 * @param listing the server's jars
	 */
	public static void assertAsBuilt(Path localRepository, ServerListing listing) {
		for (ServerArtifact artifact : listing.artifacts()) {
			assertAsBuilt(localRepository, artifact);
		}
	}

	/**
	 * Asserts that the artifact's jar is in the local repository as built.
	 * @param localRepository the repository fetched into
	 * @param artifact the jar
	 */
	public static void assertAsBuilt(Path localRepository, ServerArtifact artifact) {
		assertThat(LoopbackMavenRepository.sha1(localRepository.resolve(artifact.path()))).as(artifact.coordinates())
			.isEqualTo(
					LoopbackMavenRepository.sha1(LoopbackMavenRepository.buildRepository().resolve(artifact.path())));
	}

}
