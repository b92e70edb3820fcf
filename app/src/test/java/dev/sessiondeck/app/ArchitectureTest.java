package dev.sessiondeck.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of the window, kept by the build. */
@AnalyzeClasses(packages = "dev.sessiondeck.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sessionWindowNeverTouchesJdbc = noClasses()
            .that().resideInAPackage("dev.sessiondeck.app.session..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..")
            .because("the window reaches databases only through core's SessionSource, whose calls run in the "
                    + "background with timeouts; JDBC in a view would block the JavaFX thread");

    @ArchTest
    static final ArchRule supportKnowsNoScreen = noClasses()
            .that().resideInAPackage("dev.sessiondeck.app.support..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sessiondeck.app.session..", "dev.sessiondeck.app.cli..")
            .because("support (i18n, settings, background work) is shared by every screen and must not depend on one");

    @ArchTest
    static final ArchRule appKnowsNoSingleDatabase = noClasses()
            .that().resideInAPackage("dev.sessiondeck.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.sessiondeck.core.source.*..")
            .because("a kind of data source is one package under core's source folder: the window and the command"
                    + " line know only the declarations every source makes (attributes, actions, settings), so that"
                    + " a new kind of data source needs no edit here");

    @ArchTest
    static final ArchRule sessionWindowKnowsNoDemo = noClasses()
            .that().resideInAPackage("dev.sessiondeck.app.session..")
            .should().dependOnClassesThat().resideInAPackage("dev.sessiondeck.app.demo..")
            .because("the demo registers itself with the window as a LocalServer; the window works without it"
                    + " (the installers leave the demo out)");

    @ArchTest
    static final ArchRule appPackagesHaveNoCycles = slices().matching("dev.sessiondeck.app.(*)..")
            .should().beFreeOfCycles()
            .because("cycles between the window's packages make them impossible to change one at a time");
}
