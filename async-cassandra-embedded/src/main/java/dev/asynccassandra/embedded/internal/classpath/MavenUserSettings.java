package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The parts of a Maven {@code settings.xml} that decide where the server's jars live and
 * come from: {@code localRepository}, {@code offline}, {@code mirrors}, {@code proxies}
 * and the {@code servers} holding their credentials. Values are interpolated like Maven
 * does for {@code ${user.home}}, {@code ${env.NAME}} and system properties.
 *
 * @param localRepository the configured local repository, if any
 * @param offline whether Maven is configured to work offline
 * @param mirrors the mirrors, in declaration order
 * @param proxies the active proxies, in declaration order
 * @param servers credentials by server id
 */
record MavenUserSettings(Optional<String> localRepository, boolean offline, List<Mirror> mirrors, List<Proxy> proxies,
		Map<String, Server> servers) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

	/** Settings of a machine without a {@code settings.xml}. */
	public static final MavenUserSettings NONE = new MavenUserSettings(Optional.empty(), false, List.of(), List.of(),
			Map.of());

	/**
	 * Compact constructor: copies the collections.
	 * @param localRepository the configured local repository, if any
	 * @param offline whether Maven is configured to work offline
	 * @param mirrors the mirrors
	 * @param proxies the active proxies
	 * @param servers credentials by server id
	 */
	public MavenUserSettings {
		mirrors = List.copyOf(mirrors);
		proxies = List.copyOf(proxies);
		servers = Map.copyOf(servers);
	}

	/**
	 * Reads a settings file.
	 * @param file the {@code settings.xml} to read
	 * @param lookup resolves {@code ${...}} placeholders ({@code env.NAME} and system
	 * properties); returns {@code null} for unknown names
	 * @return the settings, or {@link #NONE} if the file does not exist
	 * @throws IllegalArgumentException if the file exists but cannot be read or parsed
	 */
	public static MavenUserSettings read(Path file, UnaryOperator<@Nullable String> lookup) {
		if (!Files.isRegularFile(file)) {
			return NONE;
		}
		Document document;
		try {
			document = parser().parse(file.toFile());
		}
		catch (IOException | SAXException | ParserConfigurationException ex) {
			throw new IllegalArgumentException("Cannot read Maven settings " + file + ": " + ex.getMessage(), ex);
		}
		Element root = document.getDocumentElement();
		Interpolator values = new Interpolator(lookup);
		List<Mirror> mirrors = new ArrayList<>();
		for (Element mirror : children(child(root, "mirrors"), "mirror")) {
			String url = values.text(mirror, "url");
			String mirrorOf = values.text(mirror, "mirrorOf");
			if (url != null && mirrorOf != null) {
				mirrors.add(new Mirror(orElse(values.text(mirror, "id"), "mirror"), url, mirrorOf,
						orElse(values.text(mirror, "mirrorOfLayouts"), "default,legacy"),
						"true".equals(values.text(mirror, "blocked"))));
			}
		}
		List<Proxy> proxies = new ArrayList<>();
		for (Element proxy : children(child(root, "proxies"), "proxy")) {
			String host = values.text(proxy, "host");
			if (host == null || "false".equals(values.text(proxy, "active"))) {
				continue;
			}
			String port = orElse(values.text(proxy, "port"), "8080");
			if (!port.matches("[0-9]{1,5}")) {
				throw new IllegalArgumentException(
						"Maven settings " + file + ": <proxy> " + host + " has port '" + port + "', not a port number");
			}
			proxies.add(new Proxy(orElse(values.text(proxy, "protocol"), "http"), host, Integer.parseInt(port),
					values.text(proxy, "nonProxyHosts"), values.text(proxy, "username"),
					values.text(proxy, "password")));
		}
		Map<String, Server> servers = new HashMap<>();
		for (Element server : children(child(root, "servers"), "server")) {
			String id = values.text(server, "id");
			if (id != null) {
				servers.put(id, new Server(values.text(server, "username"), values.text(server, "password")));
			}
		}
		return new MavenUserSettings(Optional.ofNullable(values.text(root, "localRepository")),
				"true".equals(values.text(root, "offline")), mirrors, proxies, servers);
	}

	private static DocumentBuilder parser() throws ParserConfigurationException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setExpandEntityReferences(false);
		factory.setXIncludeAware(false);
		return factory.newDocumentBuilder();
	}

	private static String orElse(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static @Nullable Element child(@Nullable Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> children(@Nullable Element parent, String name) {
		List<Element> found = new ArrayList<>();
		if (parent == null) {
			return found;
		}
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element
					&& name.equals(element.getLocalName() != null ? element.getLocalName() : element.getTagName())) {
				found.add(element);
			}
		}
		return found;
	}

	/**
	 * A {@code <mirror>}.
	 *
	 * @param id the mirror's id, also the id of its credentials in {@code <servers>}
	 * @param url the mirror's URL
	 * @param mirrorOf the repositories it mirrors, such as {@code central} or {@code *}
	 * @param mirrorOfLayouts the repository layouts it mirrors
	 * @param blocked whether the mirror is blocked
	 */
	public record Mirror(String id, String url, String mirrorOf, String mirrorOfLayouts, boolean blocked) {
	}

	/**
	 * An active {@code <proxy>}.
	 *
	 * @param protocol {@code http} or {@code https}
	 * @param host the proxy host
	 * @param port the proxy port
	 * @param nonProxyHosts {@code |}-separated hosts reached directly, or {@code null}
	 * @param username the proxy user, or {@code null}
	 * @param password the proxy password, or {@code null}
	 */
	public record Proxy(String protocol, String host, int port, @Nullable String nonProxyHosts,
			@Nullable String username, @Nullable String password) {

		@Override
		public String toString() {
			return this.protocol + "://" + this.host + ":" + this.port;
		}

	}

	/**
	 * Credentials of a {@code <server>}.
	 *
	 * @param username the user name, or {@code null}
	 * @param password the password, or {@code null}; Maven's encrypted form
	 * ({@code {...}}) is not supported
	 */
	public record Server(@Nullable String username, @Nullable String password) {

		@Override
		public String toString() {
			return "Server[username=" + this.username + "]";
		}

	}

	private static final class Interpolator {

		private final UnaryOperator<@Nullable String> lookup;

		Interpolator(UnaryOperator<@Nullable String> lookup) {
			this.lookup = lookup;
		}

		@Nullable String text(@Nullable Element parent, String name) {
			Element element = child(parent, name);
			if (element == null) {
				return null;
			}
			String text = element.getTextContent().trim();
			return text.isEmpty() ? null : interpolate(text);
		}

		private String interpolate(String text) {
			Matcher matcher = PLACEHOLDER.matcher(text);
			StringBuilder result = new StringBuilder();
			while (matcher.find()) {
				String value = this.lookup.apply(matcher.group(1));
				matcher.appendReplacement(result, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
			}
			matcher.appendTail(result);
			return result.toString();
		}

	}

}
