package io.alertpilot.cli.replay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Replay is read-only by construction: neither it nor the rehearsal engine it runs on reaches, directly or through
 * the services' classes they use, a Kafka producer or admin client, spring-kafka, the Kubernetes client or an HTTP
 * client. (ReplayCommandIT shows the same on a broker: no offset moves, no group, no topic.)
 */
@AnalyzeClasses(packages = "io.alertpilot", importOptions = ImportOption.DoNotIncludeTests.class)
class ReplayIsReadOnlyTest {

    @ArchTest
    static final ArchRule noWriterAndNoClusterClient = noClasses()
            .that().resideInAnyPackage("io.alertpilot.cli.replay..", "io.alertpilot.cli.rehearse..")
            .should().transitivelyDependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka.clients.producer..", "org.apache.kafka.clients.admin..",
                    "org.springframework.kafka..", "io.fabric8..", "io.alertpilot.remediation.k8s..",
                    "java.net.http..", "org.springframework.web.client..")
            .because("a replay writes nothing to Kafka and calls no Kubernetes API or webhook (issue 12)");
}
