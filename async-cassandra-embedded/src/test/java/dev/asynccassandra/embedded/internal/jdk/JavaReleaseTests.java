package dev.asynccassandra.embedded.internal.jdk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavaReleaseTests {

	@Test
	void modernVersionGivesItsFirstNumber() {
		assertThat(JavaRelease.parseFeatureVersion("IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n")).hasValue(17);
		assertThat(JavaRelease.parseFeatureVersion("JAVA_VERSION=\"25.0.3\"\nJAVA_VERSION_DATE=\"2026-04-21\""))
			.hasValue(25);
		assertThat(JavaRelease.parseFeatureVersion("JAVA_VERSION=\"21\"")).hasValue(21);
	}

	@Test
	void legacyVersionGivesItsSecondNumber() {
		assertThat(JavaRelease.parseFeatureVersion("JAVA_VERSION=\"1.8.0_392\"")).hasValue(8);
	}

	@Test
	void unquotedAndEarlyAccessVersionsAreRead() {
		assertThat(JavaRelease.parseFeatureVersion("JAVA_VERSION=21.0.1")).hasValue(21);
		assertThat(JavaRelease.parseFeatureVersion("JAVA_VERSION=\"22-ea\"")).hasValue(22);
	}

	@Test
	void missingOrGarbledVersionGivesNothing() {
		assertThat(JavaRelease.parseFeatureVersion("JAVA_VERSION_DATE=\"2025-04-15\"")).isEmpty();
		assertThat(JavaRelease.parseFeatureVersion("JAVA_VERSION=\"abc\"")).isEmpty();
	}

}
