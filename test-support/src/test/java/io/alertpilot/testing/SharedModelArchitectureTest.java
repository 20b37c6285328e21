package io.alertpilot.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shared architecture rules over shared-model (a pure package). They run here because shared-model cannot use
 * test-support, which depends on it; the fixtures test-support adds to {@code io.alertpilot.model} are left out.
 *
 * <p>The pure-package rule is frozen (store under {@code src/test/resources/archunit_store}):
 * {@code JsonSerde} and {@code JsonValueSerializer} implement Kafka's serde interfaces in shared-model today and are
 * moving to service-support. Once the store file is empty, use {@code ArchTests.in(ArchitectureRules.class)}.
 */
@AnalyzeClasses(packages = "io.alertpilot.model",
        importOptions = {ImportOption.DoNotIncludeTests.class, SharedModelArchitectureTest.NotTestSupport.class})
class SharedModelArchitectureTest {

    @ArchTest
    static final ArchRule shared = ArchitectureRules.allFreezing(ArchitectureRules.PURE_PACKAGES_ARE_PURE);

    /** Leaves out the fixtures test-support adds to the model's packages. */
    static final class NotTestSupport implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("/io/alertpilot/model/fixtures/");
        }
    }
}
