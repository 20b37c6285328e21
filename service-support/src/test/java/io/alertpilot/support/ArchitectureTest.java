package io.alertpilot.support;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.alertpilot.testing.ArchitectureRules;

/** The shared architecture rules over service-support: no cycles, no service imported, no fabric8. */
@AnalyzeClasses(packages = "io.alertpilot.support", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);
}
