package io.alertpilot.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.alertpilot.testing.ArchitectureRules;

/**
 * The shared architecture rules over the command line, and its own: a rehearsal and a playbook test run offline, so
 * the rehearsal engine and the test command use no Kafka client, no Kubernetes client and no HTTP client.
 */
@AnalyzeClasses(packages = "io.alertpilot.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule rehearsalsStayOffline = noClasses()
            .that().resideInAnyPackage("io.alertpilot.cli.rehearse..", "io.alertpilot.cli.test..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.fabric8..",
                    "java.net.http..", "io.alertpilot.remediation.k8s..", "io.alertpilot.remediation.report..",
                    "io.alertpilot.notifier.channel..", "io.alertpilot.notifier.publish..")
            .because("a rehearsal writes nothing to Kafka, calls no Kubernetes API and sends no page");
}
