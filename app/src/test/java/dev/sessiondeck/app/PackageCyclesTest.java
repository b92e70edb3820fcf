package dev.sessiondeck.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering that the build alone does not keep. */
class PackageCyclesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // core's test-jar (the embedded servers) is on the class path too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.sessiondeck");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.sessiondeck.(**)")
                .should().beFreeOfCycles()
                .because("each package should be understandable and testable on top of the ones below it")
                .check(CLASSES);
    }

    @Test
    void coreDependsOnNothingOfTheApp() {
        noClasses().that().resideInAPackage("dev.sessiondeck.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sessiondeck.app..", "javafx..")
                .because("core is shared by the window and the command line and must stay free of JavaFX")
                .check(CLASSES);
    }

    @Test
    void theCommandLineDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("dev.sessiondeck.app.cli..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the command line must run without a display")
                .check(CLASSES);
    }
}
