package io.alertpilot.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short version of the fault suite ({@code reliability/run.sh} runs the long one): every scenario with 6 s of load
 * at 4 alerts per second against the services' jars built earlier in the same build. Nothing acknowledged may be
 * lost, no Deployment restarted twice, no alert paged twice, and every alert not fixed paged.
 */
class FaultSuiteIT {

    @Test
    void noScenarioLosesAnAlertActsTwicePagesTwiceOrLeavesAHumanUntold() throws Exception {
        List<FaultSuite.Result> results = FaultSuite.run(Path.of("..").toAbsolutePath().normalize(),
                System.getProperty("java.class.path"), new FaultSuite.Settings(6, 4, Duration.ofSeconds(90)));

        assertThat(results).hasSize(7);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.acked()).as("%s: alerts acknowledged", r.name()).isPositive();
            assertThat(r.lost()).as("%s: acknowledged alerts not on Kafka", r.name()).isZero();
            assertThat(r.actionsDuplicated()).as("%s: Deployments restarted twice", r.name()).isZero();
            assertThat(r.pagesMissing()).as("%s: alerts nobody was told of", r.name()).isZero();
            assertThat(r.pagesDuplicated()).as("%s: alerts paged twice", r.name()).isZero();
        });
        FaultSuite.Result steady = results.getFirst();
        assertThat(steady.actionsDone()).as("restarts without a fault").isEqualTo(steady.actionsExpected());
        assertThat(steady.pagesSent()).as("pages without a fault").isEqualTo(steady.pagesExpected()).isPositive();
    }
}
