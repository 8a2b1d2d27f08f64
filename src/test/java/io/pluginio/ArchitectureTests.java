package io.pluginio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The feature packages' dependencies point one way, as docs/design.md draws them. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pluginio");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.pluginio.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void thePluginApiDependsOnNoOtherPackageOfTheService() {
        noClasses()
                .that()
                .resideInAPackage("io.pluginio.plugin..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pluginio.registry..",
                        "io.pluginio.broker..",
                        "io.pluginio.channel..",
                        "io.pluginio.security..",
                        "io.pluginio.websocket..",
                        "io.pluginio.web..",
                        "io.pluginio.example..")
                .check(CLASSES);
    }

    @Test
    void theBrokerKnowsNothingOfConnectionsRoutesOrSecurity() {
        noClasses()
                .that()
                .resideInAPackage("io.pluginio.broker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pluginio.channel..",
                        "io.pluginio.websocket..",
                        "io.pluginio.web..",
                        "io.pluginio.security..",
                        "io.pluginio.registry..")
                .check(CLASSES);
    }

    @Test
    void theExamplePluginUsesOnlyThePluginApi() {
        noClasses()
                .that()
                .resideInAPackage("io.pluginio.example..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.pluginio.registry..",
                        "io.pluginio.broker..",
                        "io.pluginio.channel..",
                        "io.pluginio.security..",
                        "io.pluginio.websocket..",
                        "io.pluginio.web..")
                .check(CLASSES);
    }
}
