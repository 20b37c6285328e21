package io.alertpilot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.alertpilot.ingest.web.IngestEndpoint;
import io.alertpilot.notifier.cyclea.First;
import io.alertpilot.notifier.cycleb.Second;
import io.alertpilot.notifier.escalation.OpensAFile;
import io.alertpilot.notifier.incident.CallsTheWeb;
import io.alertpilot.notifier.web.NotifierEndpoint;
import io.alertpilot.remediation.action.PureAction;
import io.alertpilot.remediation.match.ReadsFiles;
import io.alertpilot.remediation.web.UsesIngest;
import org.junit.jupiter.api.Test;

/** Each shared rule refuses the violation it is written for, and passes a class that keeps it. */
class ArchitectureRulesTest {

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importClasses(ReadsFiles.class,
            OpensAFile.class, IngestEndpoint.class, UsesIngest.class, NotifierEndpoint.class, CallsTheWeb.class,
            First.class, Second.class);

    private static final JavaClasses CLEAN = new ClassFileImporter().importClasses(PureAction.class,
            IngestEndpoint.class, NotifierEndpoint.class);

    @Test
    void purePackagesMayNotTouchFiles() {
        assertThat(report(ArchitectureRules.PURE_PACKAGES_ARE_PURE))
                .contains(ReadsFiles.class.getName() + ".where()").contains("java.nio.file.Path")
                .contains(OpensAFile.class.getName()).contains("java.io.FileReader")
                .doesNotContain(UsesIngest.class.getName());
    }

    @Test
    void aServiceMayNotImportAnother() {
        assertThat(report(ArchitectureRules.NO_SERVICE_IMPORTS_ANOTHER))
                .contains(UsesIngest.class.getName()).contains(IngestEndpoint.class.getName())
                .doesNotContain(CallsTheWeb.class.getName());
    }

    @Test
    void theDomainMayNotUseTheEdge() {
        assertThat(report(ArchitectureRules.DOMAIN_DOES_NOT_USE_THE_EDGE))
                .contains(CallsTheWeb.class.getName()).contains(NotifierEndpoint.class.getName())
                .doesNotContain(UsesIngest.class.getName());
    }

    @Test
    void packagesMayNotFormACycle() {
        assertThat(report(ArchitectureRules.NO_PACKAGE_CYCLES))
                .contains("cyclea").contains("cycleb").contains(First.class.getName());
    }

    @Test
    void allTogetherReportEveryRuleThatIsBroken() {
        EvaluationResult result = ArchitectureRules.all().evaluate(VIOLATIONS);

        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains(ReadsFiles.class.getName()).contains(UsesIngest.class.getName())
                .contains(CallsTheWeb.class.getName()).contains("cyclea");
        assertThat(ArchitectureRules.all().evaluate(CLEAN).hasViolation()).isFalse();
    }

    @Test
    void classesThatKeepTheRulesPassThemAll() {
        for (ArchRule rule : ArchitectureRules.ALL) {
            assertThat(rule.evaluate(CLEAN).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    @Test
    void aModuleWithoutThePackagesOfARulePassesIt() {
        JavaClasses none = new ClassFileImporter().importClasses(ArchitectureRules.class);
        for (ArchRule rule : ArchitectureRules.ALL) {
            assertThat(rule.evaluate(none).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    private static String report(ArchRule rule) {
        EvaluationResult result = rule.evaluate(VIOLATIONS);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
