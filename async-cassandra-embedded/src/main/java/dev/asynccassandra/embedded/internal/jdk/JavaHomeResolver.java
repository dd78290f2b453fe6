package dev.asynccassandra.embedded.internal.jdk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import dev.asynccassandra.embedded.api.EmbeddedCassandraJavaException;
import org.jspecify.annotations.Nullable;

/**
 * Finds a Java home able to run Cassandra 5.0 (feature version 17 to 21). An explicit
 * choice is checked and never replaced; otherwise the running JVM, {@code JAVA_HOME} and
 * the usual installation folders are tried in that order.
 */
public final class JavaHomeResolver {

	/** Lowest feature version Cassandra 5.0 runs on. */
	public static final int MINIMUM_VERSION = 17;

	/** Highest feature version Cassandra 5.0 runs on. */
	public static final int MAXIMUM_VERSION = 21;

	private final Function<String, @Nullable String> environment;

	private final Function<String, @Nullable String> systemProperties;

	private final int runningFeatureVersion;

	private final List<Path> installationFolders;

	/**
	 * Creates a resolver.
	 * @param environment reads environment variables
	 * @param systemProperties reads system properties
	 * @param runningFeatureVersion the feature version of the running JVM
	 * @param installationFolders folders whose children are Java homes
	 */
	public JavaHomeResolver(Function<String, @Nullable String> environment,
			Function<String, @Nullable String> systemProperties, int runningFeatureVersion,
			List<Path> installationFolders) {
		this.environment = environment;
		this.systemProperties = systemProperties;
		this.runningFeatureVersion = runningFeatureVersion;
		this.installationFolders = List.copyOf(installationFolders);
	}

	/**
	 * Returns a resolver looking at this machine.
	 * @return the resolver
	 */
	public static JavaHomeResolver forThisMachine() {
		Path home = Path.of(System.getProperty("user.home"));
		List<Path> folders = List.of(Path.of("/usr/lib/jvm"), Path.of("/Library/Java/JavaVirtualMachines"),
				home.resolve(".sdkman/candidates/java"));
		return new JavaHomeResolver(System::getenv, System::getProperty, Runtime.version().feature(), folders);
	}

	/**
	 * Returns the Java home to run Cassandra with.
	 * @param configured an explicitly configured Java home, or {@code null}
	 * @param propertyName the system property that may name a Java home
	 * @return a Java home holding {@code bin/java} with feature version 17 to 21
	 * @throws EmbeddedCassandraJavaException if the explicit choice is unusable or
	 * nothing usable was found, listing what was tried
	 */
	public Path resolve(@Nullable Path configured, String propertyName) {
		if (configured != null) {
			return checkExplicit(configured, "the configured Java home");
		}
		String fromProperty = this.systemProperties.apply(propertyName);
		if (fromProperty != null && !fromProperty.isBlank()) {
			return checkExplicit(Path.of(fromProperty), "the system property " + propertyName);
		}
		List<String> tried = new ArrayList<>();
		String runningHome = this.systemProperties.apply("java.home");
		if (runningHome != null) {
			Path running = Path.of(runningHome);
			if (isUsableVersion(this.runningFeatureVersion) && hasJavaExecutable(running)) {
				return running;
			}
			tried.add(running + " (running JVM, Java " + this.runningFeatureVersion + ")");
		}
		String javaHomeVariable = this.environment.apply("JAVA_HOME");
		if (javaHomeVariable != null && !javaHomeVariable.isBlank()) {
			Optional<Path> fromVariable = usable(Path.of(javaHomeVariable), "JAVA_HOME", tried);
			if (fromVariable.isPresent()) {
				return fromVariable.get();
			}
		}
		for (Path folder : this.installationFolders) {
			for (Path candidate : children(folder)) {
				Optional<Path> found = usable(candidate, null, tried);
				if (found.isPresent()) {
					return found.get();
				}
			}
		}
		throw new EmbeddedCassandraJavaException("No Java " + MINIMUM_VERSION + " to " + MAXIMUM_VERSION
				+ " found to run Cassandra. Tried: " + (tried.isEmpty() ? "nothing" : String.join("; ", tried))
				+ ". Set the system property " + propertyName + " to a JDK 17 home.");
	}

	private Path checkExplicit(Path javaHome, String source) {
		if (!hasJavaExecutable(javaHome)) {
			throw new EmbeddedCassandraJavaException("Java home " + javaHome + " from " + source + " has no bin/java");
		}
		OptionalInt version = JavaRelease.featureVersion(javaHome);
		if (version.isEmpty()) {
			throw new EmbeddedCassandraJavaException(
					"Java home " + javaHome + " from " + source + " has no readable 'release' file with JAVA_VERSION");
		}
		if (!isUsableVersion(version.getAsInt())) {
			throw new EmbeddedCassandraJavaException(
					"Java home " + javaHome + " from " + source + " is Java " + version.getAsInt()
							+ ", but Cassandra 5.0 needs Java " + MINIMUM_VERSION + " to " + MAXIMUM_VERSION);
		}
		return javaHome;
	}

	private Optional<Path> usable(Path candidate, @Nullable String label, List<String> tried) {
		OptionalInt version = JavaRelease.featureVersion(candidate);
		boolean hasJava = hasJavaExecutable(candidate);
		if (version.isPresent() && isUsableVersion(version.getAsInt()) && hasJava) {
			return Optional.of(candidate);
		}
		String reason = !hasJava ? "no bin/java"
				: version.isEmpty() ? "no JAVA_VERSION in release file" : "Java " + version.getAsInt();
		tried.add(candidate + " (" + ((label != null) ? label + ", " : "") + reason + ")");
		return Optional.empty();
	}

	private static List<Path> children(Path folder) {
		List<Path> children = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return children;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
			for (Path child : stream) {
				Path macHome = child.resolve("Contents/Home");
				children.add(Files.isDirectory(macHome) ? macHome : child);
			}
		}
		catch (IOException ex) {
			return children;
		}
		children.sort(null);
		return children;
	}

	private static boolean isUsableVersion(int featureVersion) {
		return featureVersion >= MINIMUM_VERSION && featureVersion <= MAXIMUM_VERSION;
	}

	private static boolean hasJavaExecutable(Path javaHome) {
		return Files.isExecutable(javaExecutable(javaHome));
	}

	/**
	 * Returns the {@code java} launcher of a Java home.
	 * @param javaHome the Java home
	 * @return the launcher path
	 */
	public static Path javaExecutable(Path javaHome) {
		boolean windows = System.getProperty("os.name", "").startsWith("Windows");
		return javaHome.resolve("bin").resolve(windows ? "java.exe" : "java");
	}

}
