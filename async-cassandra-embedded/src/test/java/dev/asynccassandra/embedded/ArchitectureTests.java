package dev.asynccassandra.embedded;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.asynccassandra.embedded.internal.node.EmbeddedNode;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The fence around the embedded module's implementation: the {@code api} packages reach
 * {@code internal} only through {@link EmbeddedNode} (which creates and drives the
 * nodes), and no packages depend on each other in a cycle once that one sanctioned edge
 * is set aside (the implementation may use the API's value types and exceptions; the API
 * never reaches past its entry point). Other modules check that they use no
 * {@code dev.asynccassandra.embedded.internal} type at all.
 */
class ArchitectureTests {

	private static final String API = "dev.asynccassandra.embedded.api..";

	private static final String INTERNAL = "dev.asynccassandra.embedded.internal..";

	private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.asynccassandra.embedded");

	@Test
	void apiReachesTheImplementationOnlyThroughItsEntryPoint() {
		ArchRule rule = noClasses().that()
			.resideInAPackage(API)
			.should()
			.dependOnClassesThat(resideInAPackage(INTERNAL).and(not(belongToAnyOf(EmbeddedNode.class))))
			.because("the API's one entry point into the implementation is EmbeddedNode");
		rule.check(MAIN_CLASSES);
	}

	@Test
	void packagesAreFreeOfCyclesBesideTheEntryPoint() {
		ArchRule rule = slices().matching("dev.asynccassandra.embedded.(**)")
			.namingSlices("package $1")
			.should()
			.beFreeOfCycles()
			.ignoreDependency(resideInAPackage(API), belongToAnyOf(EmbeddedNode.class));
		rule.check(MAIN_CLASSES);
	}

}
