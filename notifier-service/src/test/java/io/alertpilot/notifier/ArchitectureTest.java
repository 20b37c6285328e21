package io.alertpilot.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of STYLE.md, checked. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.alertpilot.notifier");

    @Test
    void escalationIsPure() {
        noClasses().that().resideInAPackage("..notifier.escalation..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "io.fabric8..", "jakarta.servlet..", "io.github.resilience4j..")
                .check(CLASSES);
    }

    @Test
    void onlyConsumeAndPublishUseSpringKafka() {
        noClasses().that().resideOutsideOfPackages("..notifier.consume..", "..notifier.publish..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void channelsDoNotKnowKafkaOrTheIncidentStore() {
        noClasses().that().resideInAPackage("..notifier.channel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "..notifier.incident..",
                        "..notifier.consume..", "..notifier.publish..")
                .check(CLASSES);
    }
}
