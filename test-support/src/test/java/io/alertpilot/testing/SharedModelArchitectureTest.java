package io.alertpilot.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * The shared architecture rules over shared-model (a pure package). They run here because shared-model cannot use
 * test-support, which depends on it; the fixtures test-support adds to {@code io.alertpilot.model} are left out.
 *
 * <p>The pure-package rule is frozen ({@link FreezingArchRule}, store under {@code src/test/resources/archunit_store}):
 * {@code JsonSerde} and {@code JsonValueSerializer} implement Kafka's serde interfaces in shared-model today and are
 * moving to service-support. Once the store file is empty, use {@code ArchTests.in(ArchitectureRules.class)}.
 */
@AnalyzeClasses(packages = "io.alertpilot.model",
        importOptions = {ImportOption.DoNotIncludeTests.class, SharedModelArchitectureTest.NotTestSupport.class})
class SharedModelArchitectureTest {

    @ArchTest
    static final ArchRule pureNoFrameworksOrFiles = FreezingArchRule.freeze(ArchitectureRules.PURE_PACKAGES_ARE_PURE);

    @ArchTest
    static final ArchRule onlyK8sUsesFabric8 = ArchitectureRules.ONLY_K8S_USES_FABRIC8;

    @ArchTest
    static final ArchRule domainDoesNotUseTheEdge = ArchitectureRules.DOMAIN_DOES_NOT_USE_THE_EDGE;

    @ArchTest
    static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;

    /** Leaves out the classes of test-support itself. */
    static final class NotTestSupport implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-support/") && !location.contains("test-support-");
        }
    }
}
