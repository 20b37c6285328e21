package io.alertpilot.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of STYLE.md for ingest: normalizers are pure, only the publishing package talks to Kafka. */
@AnalyzeClasses(packages = "io.alertpilot.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule normalizersUseNoSpringKafkaOrFabric8 = noClasses()
            .that().resideInAPackage("..normalize..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "io.fabric8..", "jakarta.servlet..",
                    "io.micrometer..")
            .because("normalizers are pure and unit-tested without Spring (STYLE.md)");

    @ArchTest
    static final ArchRule normalizersDependOnNoOtherIngestPackage = noClasses()
            .that().resideInAPackage("..ingest.normalize..")
            .should().dependOnClassesThat().resideInAnyPackage("..ingest.web..", "..ingest.publish..")
            .because("the web and publish layers use the normalizers, not the other way round");

    @ArchTest
    static final ArchRule onlyPublishUsesKafka = noClasses()
            .that().resideOutsideOfPackage("..ingest.publish..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..")
            .because("only the publish package talks to Kafka (STYLE.md)");
}
