package org.r2led;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The core's layer rules, checked on its compiled classes (tests excluded): the base packages {@code io},
 * {@code config} and {@code nn} use nothing of ours above them; {@code data} never uses {@code sid};
 * {@code serving} never uses {@code train}; the top-level packages of {@code org.r2led} form no cycle.
 */
class ArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.r2led");

  /** Classes of {@code base} may use, of ours, only classes of {@code allowed} (each with its sub-packages). */
  private static ArchRule usesOnlyOurs(String base, String... allowed) {
    String[] pkgs = new String[allowed.length + 1];
    pkgs[0] = "org.r2led." + base + "..";
    for (int i = 0; i < allowed.length; i++) pkgs[i + 1] = "org.r2led." + allowed[i] + "..";
    return classes().that().resideInAPackage("org.r2led." + base + "..")
        .should().onlyDependOnClassesThat(or(resideOutsideOfPackage("org.r2led.."), resideInAnyPackage(pkgs)))
        .because(base + " is a base layer: it must not use the packages built on it");
  }

  @Test
  void ioUsesNothingOfOursAboveIt() {
    usesOnlyOurs("io").check(CORE);
  }

  @Test
  void configUsesNothingOfOursAboveIt() {
    usesOnlyOurs("config", "io").check(CORE);
  }

  @Test
  void nnUsesNothingOfOursAboveIt() {
    usesOnlyOurs("nn", "io", "config").check(CORE);
  }

  @Test
  void dataNeverUsesSid() {
    noClasses().that().resideInAPackage("org.r2led.data..")
        .should().dependOnClassesThat().resideInAPackage("org.r2led.sid..")
        .because("SIDs are built from prepared data, not the other way round").check(CORE);
  }

  @Test
  void servingNeverUsesTrain() {
    noClasses().that().resideInAPackage("org.r2led.serving..")
        .should().dependOnClassesThat().resideInAPackage("org.r2led.train..")
        .because("an exported model is scored without the training code").check(CORE);
  }

  @Test
  void topLevelPackagesFormNoCycle() {
    slices().matching("org.r2led.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
