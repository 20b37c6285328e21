package io.alertpilot.testing;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.util.List;

/**
 * The architecture rules of STYLE.md and the shared decisions, one set for every module: each service's and
 * library's {@code ArchitectureTest} runs them over its own main classes with
 * {@code @ArchTest static final ArchTests shared = ArchTests.in(ArchitectureRules.class);} and adds the rules only it
 * has. Every rule allows an empty selection, so a module without, say, pure packages passes the rules about them.
 *
 * <ul>
 *   <li>{@link #PURE_PACKAGES} import no Spring, no Kafka, no fabric8, no servlet, metrics or resilience library, and
 *       no file I/O;</li>
 *   <li>only {@code ..remediation.k8s..} imports fabric8;</li>
 *   <li>the edge packages ({@link #EDGE_PACKAGES}: web, consume, publish, report) sit on top of the domain packages,
 *       never the reverse (the root package of a module, which wires it, is exempt);</li>
 *   <li>no cycles between the packages of a module;</li>
 *   <li>no service imports another service (ingest, remediation, notifier); standalone, benchmarks, reliability and
 *       deploy-tests run the services together and are exempt.</li>
 * </ul>
 */
public final class ArchitectureRules {

    /** The pure packages of the shared decisions: unit-tested without Spring, Kafka, Kubernetes or files. */
    public static final String[] PURE_PACKAGES = {
        "io.alertpilot.model..",
        "io.alertpilot.formats..",
        "io.alertpilot.config..",
        "io.alertpilot.remediation.match..",
        "io.alertpilot.remediation.playbook..",
        "io.alertpilot.remediation.action..",
        "io.alertpilot.remediation.decide..",
        "io.alertpilot.notifier.escalation.."
    };

    /** Inside a pure package, where playbook files are read from disk, classpath or directories and reloaded. */
    public static final String PLAYBOOK_SOURCE = "io.alertpilot.remediation.playbook.source..";

    /**
     * The packages of the services that take input from outside or hand results out: they use the domain, not the
     * reverse. (service-support's own {@code web} and {@code kafka} packages are libraries the services use.)
     */
    public static final String[] EDGE_PACKAGES = {
        "io.alertpilot.ingest.web..", "io.alertpilot.ingest.consume..", "io.alertpilot.ingest.publish..",
        "io.alertpilot.ingest.report..",
        "io.alertpilot.remediation.web..", "io.alertpilot.remediation.consume..",
        "io.alertpilot.remediation.publish..", "io.alertpilot.remediation.report..",
        "io.alertpilot.notifier.web..", "io.alertpilot.notifier.consume..", "io.alertpilot.notifier.publish..",
        "io.alertpilot.notifier.report.."
    };

    /** What a pure package must not import: frameworks, clients and I/O libraries. */
    public static final String[] IMPURE_LIBRARIES = {
        "org.springframework..", "org.apache.kafka..", "io.fabric8..", "jakarta.servlet..", "io.micrometer..",
        "io.github.resilience4j..", "java.nio.file.."
    };

    /** The pure packages import no Spring, Kafka, fabric8, servlet, Micrometer, Resilience4j or file I/O. */
    @ArchTest
    public static final ArchRule PURE_PACKAGES_ARE_PURE = noClasses()
            .that().resideInAnyPackage(PURE_PACKAGES)
            .and().resideOutsideOfPackage(PLAYBOOK_SOURCE)
            .should().dependOnClassesThat(resideInAnyPackage(IMPURE_LIBRARIES)
                    .or(belongToAnyOf(File.class, FileInputStream.class, FileOutputStream.class, FileReader.class,
                            FileWriter.class, RandomAccessFile.class, FileDescriptor.class))
                    .as("Spring, Kafka, fabric8, servlet, Micrometer, Resilience4j or file I/O"))
            .because("pure packages are unit-tested without frameworks or files (STYLE.md, shared decisions)")
            .allowEmptyShould(true);

    /** Only {@code ..remediation.k8s..} imports fabric8. */
    @ArchTest
    public static final ArchRule ONLY_K8S_USES_FABRIC8 = noClasses()
            .that().resideOutsideOfPackage("io.alertpilot.remediation.k8s..")
            .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
            .because("the Kubernetes client is one package's business (STYLE.md)")
            .allowEmptyShould(true);

    /** The domain packages do not use the edge packages (web, consume, publish, report). */
    @ArchTest
    public static final ArchRule DOMAIN_DOES_NOT_USE_THE_EDGE = noClasses()
            .that().resideInAPackage("io.alertpilot..")
            .and().resideOutsideOfPackages(EDGE_PACKAGES)
            .and().resideOutsideOfPackage("io.alertpilot.*")
            .should().dependOnClassesThat().resideInAnyPackage(EDGE_PACKAGES)
            .because("web, consume, publish and report sit on top of the domain packages, not the reverse")
            .allowEmptyShould(true);

    /** No cycles between the packages one level below a module's root package. */
    @ArchTest
    public static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("io.alertpilot.(*).(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(true);

    /** No service imports another: what two services share goes to a library module. */
    @ArchTest
    public static final ArchRule NO_SERVICE_IMPORTS_ANOTHER = CompositeArchRule
            .of(serviceImportsNoOther("ingest", "remediation", "notifier"))
            .and(serviceImportsNoOther("remediation", "ingest", "notifier"))
            .and(serviceImportsNoOther("notifier", "ingest", "remediation"))
            .because("a service never depends on another service; shared code goes to a library module")
            .allowEmptyShould(true);

    /** Every shared rule above, in declaration order. */
    public static final List<ArchRule> ALL = List.of(PURE_PACKAGES_ARE_PURE, ONLY_K8S_USES_FABRIC8,
            DOMAIN_DOES_NOT_USE_THE_EDGE, NO_PACKAGE_CYCLES, NO_SERVICE_IMPORTS_ANOTHER);

    private ArchitectureRules() {
    }

    /** Every shared rule as one, for a check over a set of classes outside a JUnit {@code @ArchTest}. */
    public static ArchRule all() {
        return CompositeArchRule.of(ALL);
    }

    private static ArchRule serviceImportsNoOther(String service, String other, String third) {
        return noClasses()
                .that().resideInAPackage("io.alertpilot." + service + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.alertpilot." + other + "..",
                        "io.alertpilot." + third + "..")
                .allowEmptyShould(true);
    }
}
