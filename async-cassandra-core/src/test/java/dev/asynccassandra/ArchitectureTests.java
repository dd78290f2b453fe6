package dev.asynccassandra;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.asynccassandra.api.AsyncSessionBuilder;
import dev.asynccassandra.api.stream.StreamConsumers;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The fence around the core's implementation: the {@code api} packages reach
 * {@code internal} only from their documented entry points, {@link AsyncSessionBuilder}
 * (which creates the default session) and {@link StreamConsumers} (which creates the
 * consuming subscribers), and no packages depend on each other in a cycle once those
 * edges are set aside (the implementation may use the API's types; the API never reaches
 * past its entry points). The other modules check that they use no
 * {@code dev.asynccassandra.internal} type at all.
 */
class ArchitectureTests {

	private static final String API = "dev.asynccassandra.api..";

	private static final String INTERNAL = "dev.asynccassandra.internal..";

	private static final Class<?>[] ENTRY_POINTS = { AsyncSessionBuilder.class, StreamConsumers.class };

	private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.asynccassandra.api", "dev.asynccassandra.internal");

	@Test
	void apiReachesTheImplementationOnlyFromItsEntryPoints() {
		ArchRule rule = noClasses().that()
			.resideInAPackage(API)
			.and()
			.doNotBelongToAnyOf(ENTRY_POINTS)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(INTERNAL)
			.because("only AsyncSessionBuilder and StreamConsumers may create implementation classes");
		rule.check(MAIN_CLASSES);
	}

	@Test
	void packagesAreFreeOfCyclesBesideTheEntryPoints() {
		ArchRule rule = slices().matching("dev.asynccassandra.(**)")
			.namingSlices("package $1")
			.should()
			.beFreeOfCycles()
			.ignoreDependency(belongToAnyOf(ENTRY_POINTS), resideInAPackage(INTERNAL));
		rule.check(MAIN_CLASSES);
	}

}
