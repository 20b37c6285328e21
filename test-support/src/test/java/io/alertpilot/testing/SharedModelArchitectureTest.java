package io.alertpilot.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * The shared architecture rules over shared-model (a pure package). They run here because shared-model cannot use
 * test-support, which depends on it; the fixtures test-support adds to {@code io.alertpilot.model} are left out.
 */
@AnalyzeClasses(packages = "io.alertpilot.model",
        importOptions = {ImportOption.DoNotIncludeTests.class, SharedModelArchitectureTest.NotTestSupport.class})
class SharedModelArchitectureTest {

    @ArchTest
    static final ArchTests shared = ArchTests.in(ArchitectureRules.class);

    /** Leaves out the fixtures test-support adds to the model's packages. */
    static final class NotTestSupport implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("/io/alertpilot/model/fixtures/");
        }
    }
}
