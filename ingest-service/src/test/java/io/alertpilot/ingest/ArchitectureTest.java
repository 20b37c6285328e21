package io.alertpilot.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.alertpilot.testing.ArchitectureRules;

/** The shared architecture rules over ingest, and ingest's own: normalizers are pure, only publish talks to Kafka. */
@AnalyzeClasses(packages = "io.alertpilot.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);

    // The normalizers are moving to the pure module alert-formats; until then they stay pure here.
    @ArchTest
    static final ArchRule normalizersUseNoSpringKafkaOrFabric8 = noClasses()
            .that().resideInAPackage("..normalize..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "io.fabric8..", "jakarta.servlet..",
                    "io.micrometer..", "java.nio.file..")
            .because("normalizers are pure and unit-tested without Spring (STYLE.md)")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule normalizersDependOnNoOtherIngestPackage = noClasses()
            .that().resideInAPackage("..ingest.normalize..")
            .should().dependOnClassesThat().resideInAnyPackage("..ingest.web..", "..ingest.publish..")
            .because("the web and publish layers use the normalizers, not the other way round")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyPublishUsesKafka = noClasses()
            .that().resideOutsideOfPackage("..ingest.publish..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..")
            .because("only the publish package talks to Kafka (STYLE.md)");
}
