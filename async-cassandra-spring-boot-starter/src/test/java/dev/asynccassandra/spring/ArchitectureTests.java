package dev.asynccassandra.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The starter uses the core and the embedded module as applications do, through their
 * {@code api} packages: neither its code nor its tests depend on an {@code internal} type
 * of either. Its own packages are free of cycles.
 */
class ArchitectureTests {

	private static final JavaClasses CODE_AND_TESTS = new ClassFileImporter()
		.importPackages("dev.asynccassandra.spring");

	@Test
	void codeAndTestsUseNoInternalTypeOfTheCoreOrTheEmbeddedModule() {
		ArchRule rule = noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.asynccassandra.internal..", "dev.asynccassandra.embedded.internal..")
			.because("implementation packages may change without notice; use the api packages");
		rule.check(CODE_AND_TESTS);
	}

	@Test
	void packagesAreFreeOfCycles() {
		ArchRule rule = slices().matching("dev.asynccassandra.spring.(**)").should().beFreeOfCycles();
		rule.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.asynccassandra.spring"));
	}

}
