package dev.ferry.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Ferry's package rules. The simulator stands apart from Ferry; the lifecycle's step packages
 * know no kind (what differs per kind lives in one {@code PackageKind} class per kind, in its own
 * package); no two packages need each other.
 */
@AnalyzeClasses(packages = "dev.ferry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The packages of the lifecycle's steps: they ask the kind, they do not know the kinds. */
  static final String[] STEP_PACKAGES = {"dev.ferry.create..", "dev.ferry.validation..", "dev.ferry.approval..",
      "dev.ferry.replicate..", "dev.ferry.undo..", "dev.ferry.cleanup..", "dev.ferry.edit..", "dev.ferry.polling.."};

  /** The packages that hold one kind each, besides the single package in {@code migration}. */
  static final String[] KIND_PACKAGES = {"dev.ferry.group..", "dev.ferry.transfer.."};

  @ArchTest
  static final ArchRule simulatorUsesOnlyTheEnvironmentConfiguration = classes()
      .that().resideInAPackage("dev.ferry.simulator..")
      .should().onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage("dev.ferry..")
          .or(JavaClass.Predicates.resideInAPackage("dev.ferry.simulator.."))
          .or(JavaClass.Predicates.belongToAnyOf(dev.ferry.library.Environments.class,
              dev.ferry.library.LibraryEnvironment.class, dev.ferry.library.LibraryProperties.class)))
      .because("the simulator stands in for the Library and runs without Ferry; it shares only the environments");

  @ArchTest
  static final ArchRule ferryDoesNotUseTheSimulator = noClasses()
      .that().resideInAPackage("dev.ferry..").and().resideOutsideOfPackage("dev.ferry.simulator..")
      .should().dependOnClassesThat().resideInAPackage("dev.ferry.simulator..")
      .because("Ferry talks to a Library over HTTP, whether the simulator or a real one answers");

  @ArchTest
  static final ArchRule stepsDoNotKnowTheKinds = noClasses()
      .that().resideInAnyPackage(STEP_PACKAGES)
      .should().dependOnClassesThat().resideInAnyPackage(KIND_PACKAGES)
      .because("a step asks the migration's PackageKind; a new kind must not need a change in every step");

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("dev.ferry.(*)..").should().beFreeOfCycles();
}
