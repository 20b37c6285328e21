package io.alertpilot.formats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The alert formats are pure: they read a parsed body and nothing else. */
@AnalyzeClasses(packages = "io.alertpilot.formats", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule formatsUseNoFrameworkAndNoFiles = noClasses()
            .that().resideInAPackage("io.alertpilot.formats..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "io.fabric8..", "jakarta.servlet..",
                    "io.micrometer..", "java.nio.file..")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.File.*")
            .because("the formats are pure and unit-tested without Spring, Kafka or files (STYLE.md)");
}
