package dev.asynccassandra.distribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CentralBundleCheck}: a complete bundle passes, and each missing piece
 * is reported with the file and the rule.
 */
class CentralBundleCheckTests {

	private static final String VERSION = "1.2.3";

	private static final String PARENT = "dev/asynccassandra/demo-parent/1.2.3/demo-parent-1.2.3";

	private static final String LIB = "dev/asynccassandra/demo-lib/1.2.3/demo-lib-1.2.3";

	private static final String BOM = "dev/asynccassandra/demo-bom/1.2.3/demo-bom-1.2.3";

	private static final List<PublishedModule> MODULES = List.of(new PublishedModule("demo-parent", "pom"),
			new PublishedModule("demo-bom", "bom"), new PublishedModule("demo-lib", "jar"));

	private static final String PARENT_POM = """
			<project xmlns="http://maven.apache.org/POM/4.0.0">
				<groupId>dev.asynccassandra</groupId>
				<artifactId>demo-parent</artifactId>
				<version>1.2.3</version>
				<packaging>pom</packaging>
				<name>demo</name>
				<description>A demo</description>
				<url>https://example.org/demo</url>
				<licenses><license><name>Apache License, Version 2.0</name>
					<url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
				<developers><developer><name>Demo maintainers</name></developer></developers>
				<scm><connection>scm:git:https://example.org/demo.git</connection><url>https://example.org/demo</url></scm>
			</project>
			""";

	private static final String LIB_POM = """
			<project xmlns="http://maven.apache.org/POM/4.0.0">
				<parent><groupId>dev.asynccassandra</groupId><artifactId>demo-parent</artifactId><version>1.2.3</version></parent>
				<artifactId>demo-lib</artifactId>
				<name>demo lib</name>
				<description>The demo library</description>
				<dependencies>
					<dependency><groupId>dev.asynccassandra</groupId><artifactId>demo-fixtures</artifactId><scope>test</scope></dependency>
				</dependencies>
			</project>
			""";

	private static final String BOM_POM = """
			<project xmlns="http://maven.apache.org/POM/4.0.0">
				<groupId>dev.asynccassandra</groupId>
				<artifactId>demo-bom</artifactId>
				<version>1.2.3</version>
				<packaging>pom</packaging>
				<name>demo BOM</name>
				<description>Aligns the demo modules</description>
				<url>https://example.org/demo</url>
				<licenses><license><name>Apache License, Version 2.0</name>
					<url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
				<developers><developer><name>Demo maintainers</name></developer></developers>
				<scm><connection>scm:git:https://example.org/demo.git</connection><url>https://example.org/demo</url></scm>
				<dependencyManagement><dependencies>
					<dependency><groupId>dev.asynccassandra</groupId><artifactId>demo-lib</artifactId><version>${project.version}</version></dependency>
				</dependencies></dependencyManagement>
			</project>
			""";

	@Test
	void completeUnsignedBundleHasNoProblems() throws IOException {
		assertThat(problems(completeBundle(), false)).isEmpty();
	}

	@Test
	void completeSignedBundleHasNoProblems() throws IOException {
		Map<String, byte[]> files = completeBundle();
		sign(files);
		assertThat(problems(files, true)).isEmpty();
	}

	@Test
	void missingJavadocJarIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		files.keySet().removeIf((path) -> path.startsWith(LIB + "-javadoc.jar"));
		assertThat(problems(files, false)).containsExactly(LIB + "-javadoc.jar: missing");
	}

	@Test
	void missingSourcesJarIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		files.keySet().removeIf((path) -> path.startsWith(LIB + "-sources.jar"));
		assertThat(problems(files, false)).containsExactly(LIB + "-sources.jar: missing");
	}

	@Test
	void pomWithoutScmAnywhereIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		put(files, PARENT + ".pom", PARENT_POM.replaceAll("<scm>.*</scm>", "").getBytes(StandardCharsets.UTF_8));
		assertThat(problems(files, false)).containsExactly(
				PARENT + ".pom: no <scm/url> (Central requires it, in the POM or its parent)",
				PARENT + ".pom: no <scm/connection> (Central requires it, in the POM or its parent)",
				LIB + ".pom: no <scm/url> (Central requires it, in the POM or its parent)",
				LIB + ".pom: no <scm/connection> (Central requires it, in the POM or its parent)");
	}

	@Test
	void pomWithoutDescriptionIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		put(files, LIB + ".pom",
				LIB_POM.replace("<description>The demo library</description>", "").getBytes(StandardCharsets.UTF_8));
		// The parent's description is inherited, as Maven does.
		assertThat(problems(files, false)).isEmpty();
		put(files, PARENT + ".pom",
				PARENT_POM.replace("<description>A demo</description>", "").getBytes(StandardCharsets.UTF_8));
		assertThat(problems(files, false)).containsExactly(
				PARENT + ".pom: no <description> (Central requires it, in the POM or its parent)",
				LIB + ".pom: no <description> (Central requires it, in the POM or its parent)");
	}

	@Test
	void childWhoseParentIsNotInTheBundleMustCarryTheMetadataItself() throws IOException {
		Map<String, byte[]> files = completeBundle();
		files.keySet().removeIf((path) -> path.startsWith(PARENT));
		assertThat(problems(files, false)).contains(PARENT + ".pom: missing",
				LIB + ".pom: no <url> (Central requires it, in the POM or its parent)");
	}

	@Test
	void bomThatDoesNotManageAPublishedModuleIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		put(files, BOM + ".pom",
				BOM_POM.replaceAll("<dependency>.*</dependency>", "").getBytes(StandardCharsets.UTF_8));
		assertThat(problems(files, false))
			.containsExactly(BOM + ".pom: does not manage demo-lib (a BOM aligns every published module)");
	}

	@Test
	void bomThatManagesAnotherVersionIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		put(files, BOM + ".pom", BOM_POM.replace("${project.version}", "1.2.2").getBytes(StandardCharsets.UTF_8));
		assertThat(problems(files, false)).containsExactly(BOM + ".pom: manages demo-lib at 1.2.2, not 1.2.3");
	}

	@Test
	void wrongChecksumIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		files.put(LIB + ".jar.sha1", "0000".getBytes(StandardCharsets.US_ASCII));
		assertThat(problems(files, false)).singleElement()
			.asString()
			.startsWith(LIB + ".jar.sha1: records 0000 but the file's SHA-1 is ");
	}

	@Test
	void missingChecksumIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		files.remove(LIB + ".pom.md5");
		assertThat(problems(files, false))
			.containsExactly(LIB + ".pom.md5: missing (Central requires an MD5 checksum per file)");
	}

	@Test
	void missingSignatureIsReportedWhenSigningWasConfigured() throws IOException {
		Map<String, byte[]> files = completeBundle();
		sign(files);
		files.remove(LIB + ".jar.asc");
		assertThat(problems(files, true)).containsExactly(LIB + ".jar.asc: missing (signing was configured)");
	}

	@Test
	void jarWithoutLicenseIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		put(files, LIB + ".jar", jar("META-INF/MANIFEST.MF", "dev/asynccassandra/demo/Lib.class"));
		assertThat(problems(files, false)).containsExactly(LIB + ".jar: no META-INF/LICENSE");
	}

	@Test
	void javadocOfAnInternalPackageIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		put(files, LIB + "-javadoc.jar",
				jar("META-INF/LICENSE", "index.html", "dev/asynccassandra/demo/internal/Impl.html"));
		assertThat(problems(files, false)).containsExactly(
				LIB + "-javadoc.jar: documents an internal package (dev/asynccassandra/demo/internal/Impl.html)");
	}

	@Test
	void unpublishedModuleInTheBundleIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		String samples = "dev/asynccassandra/demo-samples/1.2.3/demo-samples-1.2.3.jar";
		files.put(samples, jar("META-INF/LICENSE"));
		assertThat(problems(files, false))
			.containsExactly(samples + ": not part of the release (published: demo-parent, demo-bom, demo-lib)");
	}

	@Test
	void nonTestDependencyOnAnUnpublishedModuleIsReported() throws IOException {
		Map<String, byte[]> files = completeBundle();
		put(files, LIB + ".pom", LIB_POM.replace("<scope>test</scope>", "").getBytes(StandardCharsets.UTF_8));
		assertThat(problems(files, false)).containsExactly(LIB
				+ ".pom: depends on dev.asynccassandra:demo-fixtures, which is not published: users could not resolve it");
	}

	@Test
	void versionOtherThanTheReleasedOneIsReported() throws IOException {
		assertThat(new CentralBundleCheck("dev.asynccassandra", "9.9.9", false, MODULES)
			.problems(CentralBundle.read(new ByteArrayInputStream(zip(completeBundle())))))
			.contains("dev/asynccassandra/demo-lib/9.9.9/demo-lib-9.9.9.jar: missing");
	}

	private static List<String> problems(Map<String, byte[]> files, boolean signed) throws IOException {
		CentralBundle bundle = CentralBundle.read(new ByteArrayInputStream(zip(files)));
		return new CentralBundleCheck("dev.asynccassandra", VERSION, signed, MODULES).problems(bundle);
	}

	private static Map<String, byte[]> completeBundle() throws IOException {
		Map<String, byte[]> files = new TreeMap<>();
		put(files, PARENT + ".pom", PARENT_POM.getBytes(StandardCharsets.UTF_8));
		put(files, BOM + ".pom", BOM_POM.getBytes(StandardCharsets.UTF_8));
		put(files, LIB + ".pom", LIB_POM.getBytes(StandardCharsets.UTF_8));
		put(files, LIB + ".jar", jar("META-INF/MANIFEST.MF", "META-INF/LICENSE", "dev/asynccassandra/demo/Lib.class"));
		put(files, LIB + "-sources.jar", jar("META-INF/LICENSE", "dev/asynccassandra/demo/Lib.java"));
		put(files, LIB + "-javadoc.jar", jar("META-INF/LICENSE", "index.html", "dev/asynccassandra/demo/Lib.html"));
		return files;
	}

	/**
	 * Adds a file with its MD5, SHA-1 and SHA-256 checksums, as the release profile does.
	 */
	private static void put(Map<String, byte[]> files, String path, byte[] content) {
		files.put(path, content);
		files.put(path + ".md5", hex("MD5", content));
		files.put(path + ".sha1", hex("SHA-1", content));
		files.put(path + ".sha256", hex("SHA-256", content));
	}

	private static void sign(Map<String, byte[]> files) {
		for (String path : List.copyOf(files.keySet())) {
			if (path.endsWith(".pom") || path.endsWith(".jar")) {
				files.put(path + ".asc", "-----BEGIN PGP SIGNATURE-----\n...\n-----END PGP SIGNATURE-----\n"
					.getBytes(StandardCharsets.US_ASCII));
			}
		}
	}

	private static byte[] hex(String algorithm, byte[] content) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance(algorithm).digest(content))
				.getBytes(StandardCharsets.US_ASCII);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] jar(String... entries) throws IOException {
		Map<String, byte[]> files = new TreeMap<>();
		for (String entry : entries) {
			files.put(entry, entry.getBytes(StandardCharsets.UTF_8));
		}
		return zip(files);
	}

	private static byte[] zip(Map<String, byte[]> files) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				zip.putNextEntry(new ZipEntry(file.getKey()));
				zip.write(file.getValue());
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

}
