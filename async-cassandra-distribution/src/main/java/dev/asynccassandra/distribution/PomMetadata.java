package dev.asynccassandra.distribution;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The metadata Maven Central requires of a POM, read from the POM or, where it has none,
 * from its parent in the same bundle (Maven's inheritance).
 */
final class PomMetadata {

	/** Paths, from the project element, that every published POM must have. */
	static final List<String> REQUIRED = List.of("groupId", "artifactId", "version", "name", "description", "url",
			"licenses/license/name", "licenses/license/url", "developers/developer/name", "scm/url", "scm/connection");

	private final Element project;

	private final @Nullable PomMetadata parent;

	private PomMetadata(Element project, @Nullable PomMetadata parent) {
		this.project = project;
		this.parent = parent;
	}

	/**
	 * Reads a POM of the bundle and, through its parent element, the parent's POM when
	 * the bundle holds it.
	 * @param bundle the bundle
	 * @param path the POM's path
	 * @return the metadata
	 */
	static PomMetadata read(CentralBundle bundle, String path) {
		Element project = parse(bundle.content(path), path);
		PomMetadata parent = null;
		Optional<Element> parentElement = child(project, "parent");
		if (parentElement.isPresent()) {
			String parentPath = repositoryPath(text(parentElement.get(), "groupId"),
					text(parentElement.get(), "artifactId"), text(parentElement.get(), "version"));
			if (bundle.contains(parentPath)) {
				parent = read(bundle, parentPath);
			}
		}
		return new PomMetadata(project, parent);
	}

	static String repositoryPath(String groupId, String artifactId, String version) {
		return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version + ".pom";
	}

	/**
	 * The value at a path, inherited from the parent where the POM has none
	 * ({@code groupId} and {@code version} from the parent element, as Maven does).
	 * @param path for example {@code scm/url}
	 * @return the value, or empty
	 */
	Optional<String> value(String path) {
		Optional<String> own = value(this.project, path);
		if (own.isPresent()) {
			return own;
		}
		if ((path.equals("groupId") || path.equals("version")) && child(this.project, "parent").isPresent()) {
			return value(child(this.project, "parent").get(), path);
		}
		if (path.equals("artifactId") || this.parent == null) {
			return Optional.empty();
		}
		return this.parent.value(path);
	}

	/**
	 * The required paths that have no value.
	 * @return the missing paths, in {@link #REQUIRED}'s order
	 */
	List<String> missing() {
		List<String> missing = new ArrayList<>();
		for (String path : REQUIRED) {
			if (value(path).isEmpty()) {
				missing.add(path);
			}
		}
		return missing;
	}

	/**
	 * The dependencies outside the test scope whose group id is {@code groupId}.
	 * @param groupId the group id
	 * @return their artifact ids
	 */
	List<String> nonTestDependencies(String groupId) {
		List<String> artifactIds = new ArrayList<>();
		Optional<Element> dependencies = child(this.project, "dependencies");
		if (dependencies.isEmpty()) {
			return artifactIds;
		}
		for (Element dependency : children(dependencies.get(), "dependency")) {
			String scope = value(dependency, "scope").orElse("compile");
			if (groupId.equals(value(dependency, "groupId").orElse("")) && !scope.equals("test")) {
				artifactIds.add(text(dependency, "artifactId"));
			}
		}
		return artifactIds;
	}

	/**
	 * The versions this POM's dependency management gives to artifacts of
	 * {@code groupId}.
	 * @param groupId the group id
	 * @return the version, as written, by artifact id
	 */
	Map<String, String> managedVersions(String groupId) {
		Map<String, String> versions = new TreeMap<>();
		Optional<Element> dependencies = child(this.project, "dependencyManagement")
			.flatMap((management) -> child(management, "dependencies"));
		if (dependencies.isEmpty()) {
			return versions;
		}
		for (Element dependency : children(dependencies.get(), "dependency")) {
			if (groupId.equals(value(dependency, "groupId").orElse(""))) {
				versions.put(text(dependency, "artifactId"), value(dependency, "version").orElse(""));
			}
		}
		return versions;
	}

	private static Optional<String> value(Element element, String path) {
		Element current = element;
		for (String name : path.split("/")) {
			Optional<Element> next = child(current, name);
			if (next.isEmpty()) {
				return Optional.empty();
			}
			current = next.get();
		}
		String text = current.getTextContent().trim();
		return text.isEmpty() ? Optional.empty() : Optional.of(text);
	}

	private static String text(Element element, String name) {
		return value(element, name).orElseThrow(() -> new IllegalArgumentException(
				"<" + element.getTagName() + "> has no <" + name + ">: cannot locate the POM it names"));
	}

	private static Optional<Element> child(Element element, String name) {
		List<Element> children = children(element, name);
		return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
	}

	private static List<Element> children(Element element, String name) {
		List<Element> children = new ArrayList<>();
		NodeList nodes = element.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element child && name.equals(child.getLocalName())) {
				children.add(child);
			}
		}
		return children;
	}

	private static Element parse(byte[] content, String path) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(content));
			return document.getDocumentElement();
		}
		catch (ParserConfigurationException | SAXException | IOException ex) {
			throw new IllegalArgumentException("Cannot parse the POM " + path + ": " + ex.getMessage(), ex);
		}
	}

}
