package io.alertpilot.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.alertpilot.testing.ArchitectureRules;

/**
 * The shared architecture rules over the console, and its own: it knows no service's code (it talks to the services
 * over HTTP), and only its kafka package talks to the broker.
 */
@AnalyzeClasses(packages = "io.alertpilot.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule theConsoleImportsNoService = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.alertpilot.ingest..",
                    "io.alertpilot.remediation..", "io.alertpilot.notifier..")
            .because("the console sends commands to the services' HTTP APIs and reads the topics");

    @ArchTest
    static final ArchRule onlyTheKafkaPackageTalksToTheBroker = noClasses()
            .that().resideOutsideOfPackage("..console.kafka..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..");
}
