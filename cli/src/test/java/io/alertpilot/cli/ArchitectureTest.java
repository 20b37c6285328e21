package io.alertpilot.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.alertpilot.testing.ArchitectureRules;

/**
 * The shared architecture rules over the command line, and its own: it reaches the services through their decision
 * code, never through their Kafka listeners, web controllers or Kubernetes client, so a rehearsal cannot act.
 */
@AnalyzeClasses(packages = "io.alertpilot.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule theCommandLineDoesNotUseTheServicesEdgesOrKubernetes = noClasses()
            .that().resideInAPackage("io.alertpilot.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.alertpilot.remediation.k8s..",
                    "io.alertpilot.remediation.consume..", "io.alertpilot.remediation.report..",
                    "io.alertpilot.remediation.web..", "io.alertpilot.notifier.consume..",
                    "io.alertpilot.notifier.web..", "io.fabric8..", "org.springframework.kafka..")
            .because("the command line rehearses with the services' decision code and must not be able to act");
}
