package dev.asynccassandra.embedded.internal.jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.asynccassandra.embedded.api.EmbeddedCassandraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JavaHomeResolverTests {

	private static final String PROPERTY = "async-cassandra.embedded.java-home";

	@TempDir
	Path folder;

	private final Map<String, String> environment = new HashMap<>();

	private final Map<String, String> properties = new HashMap<>();

	@Test
	void configuredJavaHomeWinsWhenItIsSupported() throws IOException {
		Path jdk17 = javaHome("configured", "17.0.15");
		assertThat(resolver(25).resolve(jdk17, PROPERTY)).isEqualTo(jdk17);
	}

	@Test
	void configuredJava25IsRefusedWithItsVersion() throws IOException {
		Path jdk25 = javaHome("temurin-25", "25.0.3");
		this.properties.put("java.home", javaHome("running", "17.0.15").toString());
		assertThatExceptionOfType(EmbeddedCassandraException.class)
			.isThrownBy(() -> resolver(17).resolve(jdk25, PROPERTY))
			.withMessageContaining(jdk25.toString())
			.withMessageContaining("Java 25")
			.withMessageContaining("17 to 21");
	}

	@Test
	void systemPropertyIsUsedWhenNothingIsConfigured() throws IOException {
		Path jdk21 = javaHome("from-property", "21.0.2");
		this.properties.put(PROPERTY, jdk21.toString());
		assertThat(resolver(17).resolve(null, PROPERTY)).isEqualTo(jdk21);
	}

	@Test
	void runningJvmIsPreferredWhenSupported() throws IOException {
		Path running = javaHome("running", "17.0.15");
		this.properties.put("java.home", running.toString());
		this.environment.put("JAVA_HOME", javaHome("env", "21").toString());
		assertThat(resolver(17).resolve(null, PROPERTY)).isEqualTo(running);
	}

	@Test
	void javaHomeVariableIsUsedWhenTheRunningJvmIsTooNew() throws IOException {
		this.properties.put("java.home", javaHome("running", "25.0.3").toString());
		Path fromVariable = javaHome("env", "21.0.5");
		this.environment.put("JAVA_HOME", fromVariable.toString());
		assertThat(resolver(25).resolve(null, PROPERTY)).isEqualTo(fromVariable);
	}

	@Test
	void installationFoldersAreScannedLast() throws IOException {
		this.properties.put("java.home", javaHome("running", "25.0.3").toString());
		this.environment.put("JAVA_HOME", javaHome("env", "11.0.2").toString());
		javaHome("jvm/temurin-25-jdk", "25.0.3");
		Path jdk17 = javaHome("jvm/java-17-openjdk", "17.0.15");
		assertThat(resolver(25).resolve(null, PROPERTY)).isEqualTo(jdk17);
	}

	@Test
	void failureListsEverythingTried() throws IOException {
		Path running = javaHome("running", "25.0.3");
		this.properties.put("java.home", running.toString());
		Path old = javaHome("jvm/java-11", "11.0.2");
		assertThatExceptionOfType(EmbeddedCassandraException.class)
			.isThrownBy(() -> resolver(25).resolve(null, PROPERTY))
			.withMessageContaining(running + " (running JVM, Java 25)")
			.withMessageContaining(old + " (Java 11)")
			.withMessageContaining(PROPERTY);
	}

	private JavaHomeResolver resolver(int runningVersion) {
		return new JavaHomeResolver(this.environment::get, this.properties::get, runningVersion,
				List.of(this.folder.resolve("jvm")));
	}

	private Path javaHome(String name, String version) throws IOException {
		Path home = this.folder.resolve(name);
		Files.createDirectories(home.resolve("bin"));
		Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
		return home;
	}

}
