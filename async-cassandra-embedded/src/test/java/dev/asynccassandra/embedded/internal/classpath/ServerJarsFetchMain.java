package dev.asynccassandra.embedded.internal.classpath;

import java.nio.file.Path;

/**
 * Run in separate JVMs by {@link ServerJarsFetchTests}: fetches the server's jars into a
 * local repository from a remote one and prints how many it downloaded.
 */
public final class ServerJarsFetchMain {

	static final String DOWNLOADED_PREFIX = "DOWNLOADED=";

	private ServerJarsFetchMain() {
	}

	public static void main(String[] arguments) {
		ServerRepositories repositories = ServerJarsFetchTests.repositories(Path.of(arguments[0]), arguments[1]);
		ServerClasspath classpath = ServerClasspath
			.resolve(ServerListing.read(ServerJarsFetchMain.class.getClassLoader()), repositories);
		System.out.println(DOWNLOADED_PREFIX + classpath.report().downloadedArtifacts());
		System.out.flush();
	}

}
