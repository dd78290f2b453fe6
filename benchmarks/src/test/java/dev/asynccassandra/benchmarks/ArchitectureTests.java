package dev.asynccassandra.benchmarks;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * This module uses the core and the embedded module as applications do, through their
 * {@code api} packages: no class of it, code or test, depends on an {@code internal} type
 * of either.
 */
class ArchitectureTests {

	@Test
	void codeAndTestsUseNoInternalTypeOfTheCoreOrTheEmbeddedModule() {
		ArchRule rule = noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.asynccassandra.internal..", "dev.asynccassandra.embedded.internal..")
			.because("implementation packages may change without notice; use the api packages");
		rule.check(new ClassFileImporter().importPackages("dev.asynccassandra.benchmarks"));
	}

}
