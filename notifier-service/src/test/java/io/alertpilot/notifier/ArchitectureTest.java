package io.alertpilot.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.alertpilot.testing.ArchitectureRules;

/**
 * The shared architecture rules over the notifier (escalation is one of their pure packages), and the notifier's own:
 * only consume and publish use spring-kafka, channels know neither Kafka nor the incident store.
 */
@AnalyzeClasses(packages = "io.alertpilot.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule onlyConsumeAndPublishUseSpringKafka = noClasses()
            .that().resideOutsideOfPackages("..notifier.consume..", "..notifier.publish..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..");

    @ArchTest
    static final ArchRule channelsDoNotKnowKafkaOrTheIncidentStore = noClasses()
            .that().resideInAPackage("..notifier.channel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "..notifier.incident..",
                    "..notifier.consume..", "..notifier.publish..");
}
