package io.alertpilot.remediation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.alertpilot.testing.ArchitectureRules;

/**
 * The shared architecture rules over remediation, and remediation's own: the guards are pure too, the pure stages and
 * the run do not reach into the I/O packages, only consume and report use spring-kafka.
 */
@AnalyzeClasses(packages = "io.alertpilot.remediation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule guardsArePure = noClasses()
            .that().resideInAPackage("..remediation.guard..")
            .should().dependOnClassesThat().resideInAnyPackage(ArchitectureRules.IMPURE_LIBRARIES)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule pureStagesDoNotReachIntoTheIoPackages = noClasses()
            .that().resideInAnyPackage("..remediation.match..", "..remediation.playbook..",
                    "..remediation.action..", "..remediation.decide..", "..remediation.guard..")
            .and().resideOutsideOfPackage(ArchitectureRules.PLAYBOOK_SOURCE)
            .should().dependOnClassesThat().resideInAnyPackage("..remediation.k8s..", "..remediation.report..",
                    "..remediation.consume..", "..remediation.web..", "..remediation.run..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule theRunnerIsFreeOfSpringKafkaAndFabric8 = noClasses()
            .that().resideInAPackage("..remediation.run..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "io.fabric8..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyConsumeAndReportUseSpringKafka = noClasses()
            .that().resideOutsideOfPackages("..remediation.consume..", "..remediation.report..")
            .and().doNotHaveSimpleName("RemediationConfiguration")
            .should().dependOnClassesThat().resideInAPackage("org.springframework.kafka..");
}
