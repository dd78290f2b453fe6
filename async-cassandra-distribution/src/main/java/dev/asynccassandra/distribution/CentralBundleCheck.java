package dev.asynccassandra.distribution;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a Central bundle against what Maven Central requires and what this project
 * publishes: for each published module its POM with the required metadata, and for a jar
 * module its jar, sources jar and javadoc jar, each carrying {@code META-INF/LICENSE};
 * MD5 and SHA-1 checksums (and SHA-256/512 where present) that match; a signature per
 * file when signing was configured; internal packages absent from the javadoc; nothing
 * else. Run by the release profile on the zip it builds.
 */
public final class CentralBundleCheck {

	private static final Map<String, String> REQUIRED_CHECKSUMS = Map.of(".md5", "MD5", ".sha1", "SHA-1");

	private static final Map<String, String> OPTIONAL_CHECKSUMS = Map.of(".sha256", "SHA-256", ".sha512", "SHA-512");

	private static final String LICENSE = "META-INF/LICENSE";

	private final String groupId;

	private final String version;

	private final boolean signed;

	private final List<PublishedModule> modules;

	/**
	 * A check of the given modules.
	 * @param groupId the modules' group id
	 * @param version the modules' version
	 * @param signed whether every file must have an {@code .asc} signature
	 * @param modules the modules that must be published, and no others
	 */
	public CentralBundleCheck(String groupId, String version, boolean signed, List<PublishedModule> modules) {
		if (modules.isEmpty()) {
			throw new IllegalArgumentException("The check needs at least one published module");
		}
		this.groupId = groupId;
		this.version = version;
		this.signed = signed;
		this.modules = List.copyOf(modules);
	}

	/**
	 * Checks a bundle.
	 * @param bundle the bundle
	 * @return what is wrong with it, each naming the file and the rule; empty if it is
	 * complete
	 */
	public List<String> problems(CentralBundle bundle) {
		List<String> problems = new ArrayList<>();
		Set<String> expected = new LinkedHashSet<>();
		for (PublishedModule module : this.modules) {
			String directory = this.groupId.replace('.', '/') + "/" + module.artifactId() + "/" + this.version + "/";
			String base = directory + module.artifactId() + "-" + this.version;
			List<String> files = new ArrayList<>(List.of(base + ".pom"));
			if (module.hasJar()) {
				files.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
			}
			for (String file : files) {
				expected.add(file);
				if (!bundle.contains(file)) {
					problems.add(file + ": missing");
					continue;
				}
				expected.addAll(checkChecksums(bundle, file, problems));
				expected.addAll(checkSignature(bundle, file, problems));
			}
			if (bundle.contains(base + ".pom")) {
				checkPom(bundle, base + ".pom", module, problems);
			}
			if (module.hasJar()) {
				checkJars(bundle, base, problems);
			}
		}
		for (String path : bundle.paths()) {
			if (!expected.contains(path)) {
				problems.add(path + ": not part of the release (published: "
						+ this.modules.stream().map(PublishedModule::artifactId).collect(Collectors.joining(", "))
						+ ")");
			}
		}
		return problems;
	}

	private List<String> checkChecksums(CentralBundle bundle, String file, List<String> problems) {
		List<String> present = new ArrayList<>();
		for (Map.Entry<String, String> checksum : REQUIRED_CHECKSUMS.entrySet()) {
			String path = file + checksum.getKey();
			if (!bundle.contains(path)) {
				problems.add(path + ": missing (Central requires an " + checksum.getValue() + " checksum per file)");
				continue;
			}
			present.add(path);
			compare(bundle, file, path, checksum.getValue(), problems);
		}
		for (Map.Entry<String, String> checksum : OPTIONAL_CHECKSUMS.entrySet()) {
			String path = file + checksum.getKey();
			if (bundle.contains(path)) {
				present.add(path);
				compare(bundle, file, path, checksum.getValue(), problems);
			}
		}
		return present;
	}

	private void compare(CentralBundle bundle, String file, String checksumPath, String algorithm,
			List<String> problems) {
		String recorded = new String(bundle.content(checksumPath), java.nio.charset.StandardCharsets.US_ASCII).trim()
			.split("\\s+")[0].toLowerCase(Locale.ROOT);
		String actual = digest(bundle.content(file), algorithm);
		if (!recorded.equals(actual)) {
			problems.add(checksumPath + ": records " + recorded + " but the file's " + algorithm + " is " + actual);
		}
	}

	private List<String> checkSignature(CentralBundle bundle, String file, List<String> problems) {
		String signature = file + ".asc";
		if (bundle.contains(signature)) {
			if (!new String(bundle.content(signature), java.nio.charset.StandardCharsets.US_ASCII)
				.startsWith("-----BEGIN PGP SIGNATURE-----")) {
				problems.add(signature + ": not an ASCII-armored PGP signature");
			}
			return List.of(signature);
		}
		if (this.signed) {
			problems.add(signature + ": missing (signing was configured)");
		}
		return List.of();
	}

	private void checkPom(CentralBundle bundle, String path, PublishedModule module, List<String> problems) {
		PomMetadata pom = PomMetadata.read(bundle, path);
		for (String missing : pom.missing()) {
			problems.add(path + ": no <" + missing + "> (Central requires it, in the POM or its parent)");
		}
		checkCoordinate(pom, "groupId", this.groupId, path, problems);
		checkCoordinate(pom, "artifactId", module.artifactId(), path, problems);
		checkCoordinate(pom, "version", this.version, path, problems);
		if (module.isBom()) {
			checkBom(pom, path, problems);
		}
		Set<String> published = this.modules.stream().map(PublishedModule::artifactId).collect(Collectors.toSet());
		for (String dependency : pom.nonTestDependencies(this.groupId)) {
			if (!published.contains(dependency)) {
				problems.add(path + ": depends on " + this.groupId + ":" + dependency
						+ ", which is not published: users could not resolve it");
			}
		}
	}

	private void checkBom(PomMetadata bom, String path, List<String> problems) {
		Map<String, String> managed = bom.managedVersions(this.groupId);
		for (PublishedModule module : this.modules) {
			if (!module.hasJar()) {
				continue;
			}
			String version = managed.get(module.artifactId());
			if (version == null) {
				problems
					.add(path + ": does not manage " + module.artifactId() + " (a BOM aligns every published module)");
			}
			else if (!version.equals(this.version) && !version.equals("${project.version}")) {
				problems.add(path + ": manages " + module.artifactId() + " at " + version + ", not " + this.version);
			}
		}
	}

	private static void checkCoordinate(PomMetadata pom, String name, String expected, String path,
			List<String> problems) {
		pom.value(name)
			.filter((value) -> !value.equals(expected))
			.ifPresent((value) -> problems
				.add(path + ": <" + name + "> is " + value + ", but the bundle places it as " + expected));
	}

	private void checkJars(CentralBundle bundle, String base, List<String> problems) {
		for (String jar : List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar")) {
			if (bundle.contains(jar) && !bundle.jarEntries(jar).contains(LICENSE)) {
				problems.add(jar + ": no " + LICENSE);
			}
		}
		String javadoc = base + "-javadoc.jar";
		if (bundle.contains(javadoc)) {
			List<String> entries = bundle.jarEntries(javadoc);
			if (!entries.contains("index.html") && !entries.contains("README.txt")) {
				problems.add(javadoc + ": neither an index.html (javadoc) nor a README.txt saying why there is none");
			}
			entries.stream()
				.filter((entry) -> entry.contains("/internal/"))
				.findFirst()
				.ifPresent((entry) -> problems.add(javadoc + ": documents an internal package (" + entry + ")"));
		}
		String sources = base + "-sources.jar";
		if (bundle.contains(sources) && bundle.jarEntries(sources).stream().noneMatch(CentralBundleCheck::isContent)) {
			problems.add(sources + ": holds no sources or resources");
		}
	}

	private static boolean isContent(String entry) {
		return !entry.endsWith("/") && !entry.equals("META-INF/MANIFEST.MF") && !entry.equals(LICENSE)
				&& !entry.startsWith("META-INF/maven/");
	}

	private static String digest(byte[] content, String algorithm) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK has no " + algorithm, ex);
		}
	}

	/**
	 * Checks a bundle and fails with every problem found.
	 * @param args the bundle zip, the group id, the version, whether signatures are
	 * required ({@code true} or {@code false}), then one {@code artifactId:packaging} per
	 * published module ({@code jar}, {@code pom} or {@code bom})
	 */
	public static void main(String[] args) {
		if (args.length < 5) {
			throw new IllegalArgumentException(
					"Usage: CentralBundleCheck <bundle.zip> <groupId> <version> <signed> <artifactId:packaging>...");
		}
		Path zip = Path.of(args[0]);
		List<PublishedModule> modules = new ArrayList<>();
		for (int i = 4; i < args.length; i++) {
			modules.add(PublishedModule.parse(args[i]));
		}
		boolean signed = Boolean.parseBoolean(args[3]);
		CentralBundle bundle = CentralBundle.read(zip);
		List<String> problems = new CentralBundleCheck(args[1], args[2], signed, modules).problems(bundle);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The Central bundle " + zip + " is incomplete:"
					+ problems.stream()
						.map((problem) -> System.lineSeparator() + "  - " + problem)
						.collect(Collectors.joining()));
		}
		System.out.println("Central bundle " + zip + ": " + bundle.paths().size() + " files, complete for "
				+ modules.stream().map(PublishedModule::artifactId).collect(Collectors.joining(", ")) + ".");
		if (!signed) {
			System.out.println("Not signed: no signing key was configured (-Dgpg.keyname=<key> or MAVEN_GPG_KEY;"
					+ " see RELEASING.md). Central refuses a bundle without signatures.");
		}
	}

}
