package io.alertpilot.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.alertpilot.testing.ArchitectureRules;

/**
 * The shared architecture rules over the notifier (escalation is one of their pure packages), and the notifier's own:
 * only consume and publish use spring-kafka, channels know neither Kafka nor the incident store.
 *
 * <p>The pure-package rule is frozen (store under {@code src/test/resources/archunit_store}):
 * {@code escalation.PolicyLoader} reads policy files inside the pure package today and is moving to
 * {@code notifier.policy}. A new violation fails; a fixed one leaves the store. Once the store file is empty, use
 * {@code ArchTests.in(ArchitectureRules.class)} here.
 */
@AnalyzeClasses(packages = "io.alertpilot.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule shared = ArchitectureRules.allFreezing(ArchitectureRules.PURE_PACKAGES_ARE_PURE);

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
