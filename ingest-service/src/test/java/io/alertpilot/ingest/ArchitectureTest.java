package io.alertpilot.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of STYLE.md for ingest: only the publishing package talks to Kafka. */
@AnalyzeClasses(packages = "io.alertpilot.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyPublishUsesKafka = noClasses()
            .that().resideOutsideOfPackage("..ingest.publish..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..")
            .because("only the publish package talks to Kafka (STYLE.md)");
}
