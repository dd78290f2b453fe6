package dev.asynccassandra.embedded.internal.classpath;

import java.time.Duration;

/**
 * What making the server's jars available took.
 *
 * @param missing how many listed jars were missing from the local repository
 * @param downloadedArtifacts how many jars were downloaded (checksum files not counted)
 * @param downloadedBytes the bytes of those jars
 * @param duration the time spent fetching, zero when nothing was missing
 */
record ResolutionReport(int missing, int downloadedArtifacts, long downloadedBytes, Duration duration) {

	/** Nothing was missing: the resolver was not used and no network touched. */
	public static final ResolutionReport NOTHING_MISSING = new ResolutionReport(0, 0, 0, Duration.ZERO);

}
