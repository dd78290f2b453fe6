package dev.asynccassandra.embedded.internal.classpath;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import dev.asynccassandra.embedded.api.EmbeddedCassandraServerJarsException;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the server's jars live and where missing ones are fetched from, decided like
 * Maven does: the local repository is {@code maven.repo.local}, else
 * {@code <localRepository>} of {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository};
 * the remote repository is the system property
 * {@value EmbeddedCassandraServerJarsException#REPOSITORY_PROPERTY}, else a settings
 * mirror of {@code central}, else Maven Central; active settings proxies and the
 * credentials of the chosen repository's {@code <server>} apply.
 *
 * @param localRepository the local Maven repository
 * @param remote the repository missing jars are fetched from
 * @param offline whether Maven is configured offline ({@code <offline>true</offline>})
 * @param origin how the remote repository was chosen, for messages
 */
record ServerRepositories(Path localRepository, RemoteRepository remote, boolean offline, String origin) {

	/** Maven Central. */
	public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2";

	private static final Logger logger = LoggerFactory.getLogger(ServerRepositories.class);

	private static final String LOCAL_REPOSITORY_PROPERTY = "maven.repo.local";

	/**
	 * Decides from this JVM's system properties, environment and
	 * {@code ~/.m2/settings.xml}.
	 * @return the repositories
	 * @throws EmbeddedCassandraException if a setting is unusable, naming it
	 */
	public static ServerRepositories fromEnvironment() {
		UnaryOperator<@Nullable String> lookup = (name) -> {
			if (name == null) {
				return null;
			}
			return name.startsWith("env.") ? System.getenv(name.substring(4)) : System.getProperty(name);
		};
		Path userHome = Path.of(System.getProperty("user.home"));
		Path settingsFile = userHome.resolve(".m2").resolve("settings.xml");
		MavenUserSettings settings;
		try {
			settings = MavenUserSettings.read(settingsFile, lookup);
		}
		catch (IllegalArgumentException ex) {
			throw new EmbeddedCassandraException(
					ex.getMessage() + " (it decides where the Cassandra server's jars" + " are kept and fetched from)",
					ex);
		}
		return decide(System::getProperty, settings, userHome);
	}

	/**
	 * Decides from the given properties and settings.
	 * @param properties system properties by name; returns {@code null} if unset
	 * @param settings the user's Maven settings
	 * @param userHome the user's home folder
	 * @return the repositories
	 * @throws EmbeddedCassandraException if the repository URL property is not an
	 * {@code http}, {@code https} or {@code file} URL
	 */
	public static ServerRepositories decide(UnaryOperator<@Nullable String> properties, MavenUserSettings settings,
			Path userHome) {
		Path local = localRepository(properties.apply(LOCAL_REPOSITORY_PROPERTY), settings, userHome);
		String configured = properties.apply(EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY);
		RemoteRepository remote;
		String origin;
		if (configured != null && !configured.isBlank()) {
			remote = repository("server-repository", checkedUrl(configured.trim()));
			origin = "system property " + EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY;
		}
		else {
			RemoteRepository central = repository("central", CENTRAL_URL);
			RemoteRepository mirror = mirrorOf(central, settings);
			remote = (mirror != null) ? repository(mirror.getId(), mirror.getUrl()) : central;
			origin = (mirror != null) ? "mirror '" + mirror.getId() + "' of central in ~/.m2/settings.xml"
					: "Maven Central";
		}
		return new ServerRepositories(local, withProxyAndCredentials(remote, settings), settings.offline(), origin);
	}

	/**
	 * Returns the local Maven repository to use.
	 * @param configured the value of {@code maven.repo.local}, or {@code null}
	 * @param settings the user's Maven settings
	 * @param userHome the user's home folder
	 * @return the absolute repository folder
	 */
	static Path localRepository(@Nullable String configured, MavenUserSettings settings, Path userHome) {
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured.trim()).toAbsolutePath();
		}
		return settings.localRepository()
			.map((folder) -> Path.of(folder).toAbsolutePath())
			.orElseGet(() -> userHome.resolve(".m2").resolve("repository").toAbsolutePath());
	}

	/**
	 * Returns the remote repository's URL without credentials, for messages.
	 * @return the URL
	 */
	public String remoteUrl() {
		return withoutUserInfo(this.remote.getUrl());
	}

	static String withoutUserInfo(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getRawUserInfo() == null) {
				return url;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null)
				.toString();
		}
		catch (URISyntaxException ex) {
			return "(unparsable URL)";
		}
	}

	private static String checkedUrl(String url) {
		String scheme;
		try {
			URI uri = new URI(url);
			scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		}
		catch (URISyntaxException ex) {
			scheme = "";
		}
		if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
			throw new EmbeddedCassandraException("System property "
					+ EmbeddedCassandraServerJarsException.REPOSITORY_PROPERTY + "='" + withoutUserInfo(url)
					+ "' is not a repository URL: use an http, https or file URL of a Maven repository, such as "
					+ CENTRAL_URL);
		}
		return url;
	}

	private static @Nullable RemoteRepository mirrorOf(RemoteRepository central, MavenUserSettings settings) {
		DefaultMirrorSelector selector = new DefaultMirrorSelector();
		for (MavenUserSettings.Mirror mirror : settings.mirrors()) {
			selector.add(mirror.id(), mirror.url(), "default", false, mirror.blocked(), mirror.mirrorOf(),
					mirror.mirrorOfLayouts());
		}
		return selector.getMirror(central);
	}

	private static RemoteRepository repository(String id, String url) {
		RepositoryPolicy policy = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER,
				RepositoryPolicy.CHECKSUM_POLICY_FAIL);
		return new RemoteRepository.Builder(id, "default", url).setPolicy(policy).build();
	}

	private static RemoteRepository withProxyAndCredentials(RemoteRepository remote, MavenUserSettings settings) {
		RemoteRepository.Builder builder = new RemoteRepository.Builder(remote);
		DefaultProxySelector proxies = new DefaultProxySelector();
		for (MavenUserSettings.Proxy proxy : settings.proxies()) {
			Authentication authentication = (proxy.username() != null)
					? credentials("proxy " + proxy, proxy.username(), proxy.password()) : null;
			proxies.add(new Proxy(proxy.protocol(), proxy.host(), proxy.port(), authentication), proxy.nonProxyHosts());
		}
		Proxy proxy = proxies.getProxy(remote);
		if (proxy != null) {
			builder.setProxy(proxy);
		}
		MavenUserSettings.Server server = settings.servers().get(remote.getId());
		if (server != null && server.username() != null) {
			builder.setAuthentication(
					credentials("server '" + remote.getId() + "'", server.username(), server.password()));
		}
		return builder.build();
	}

	private static @Nullable Authentication credentials(String owner, String username, @Nullable String password) {
		if (password != null && password.startsWith("{") && password.endsWith("}")) {
			logger.warn("The password of {} in ~/.m2/settings.xml is encrypted, which fetching the Cassandra server's"
					+ " jars does not support: going on without credentials", owner);
			return null;
		}
		AuthenticationBuilder authentication = new AuthenticationBuilder().addUsername(username);
		if (password != null) {
			authentication.addPassword(password);
		}
		return authentication.build();
	}

	@Override
	public String toString() {
		return "ServerRepositories[local=" + this.localRepository + ", remote=" + remoteUrl() + ", offline="
				+ this.offline + "]";
	}

}
