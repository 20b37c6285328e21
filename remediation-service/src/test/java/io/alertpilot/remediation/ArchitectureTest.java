package io.alertpilot.remediation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of STYLE.md: pure packages (the decision path among them), fabric8 only in k8s, spring-kafka only in consume and report. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.alertpilot.remediation");

    @Test
    void pureStagesImportNoSpringKafkaOrFabric8() {
        noClasses().that().resideInAnyPackage("..remediation.match..", "..remediation.playbook..",
                        "..remediation.action..", "..remediation.guard..", "..remediation.decide..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.fabric8..", "io.github.resilience4j..")
                .check(CLASSES);
    }

    @Test
    void pureStagesDoNotReachIntoTheIoPackages() {
        noClasses().that().resideInAnyPackage("..remediation.match..", "..remediation.playbook..",
                        "..remediation.action..", "..remediation.guard..", "..remediation.decide..")
                .should().dependOnClassesThat().resideInAnyPackage("..remediation.k8s..", "..remediation.report..",
                        "..remediation.consume..", "..remediation.web..", "..remediation.run..")
                .check(CLASSES);
    }

    @Test
    void theRunnerIsFreeOfSpringKafkaAndFabric8() {
        noClasses().that().resideInAPackage("..remediation.run..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.fabric8..")
                .check(CLASSES);
    }

    @Test
    void onlyK8sImportsFabric8() {
        noClasses().that().resideOutsideOfPackage("..remediation.k8s..")
                .and().doNotHaveSimpleName("RemediationConfiguration")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .check(CLASSES);
    }

    @Test
    void onlyConsumeAndReportImportSpringKafka() {
        noClasses().that().resideOutsideOfPackages("..remediation.consume..", "..remediation.report..")
                .and().doNotHaveSimpleName("RemediationConfiguration")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.kafka..")
                .check(CLASSES);
    }
}
