package io.alertpilot.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The short version of the fault suite ({@code reliability/run.sh} runs the long one) on one broker: one test per
 * scenario, in order, on the processes of one set-up (the services' jars built earlier in the same build), each with
 * 6 s of load at 4 alerts per second. In every scenario nothing acknowledged may be lost, no Deployment restarted
 * twice, no alert paged twice, and every alert not fixed paged. The three-broker scenario has its own set-up
 * ({@link FaultSuiteThreeBrokersIT}). First, on the fresh set-up, the storm: 1,000 alerts in Alertmanager's groups at
 * once, over a rate limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final FaultSuite.Settings SHORT = new FaultSuite.Settings(6, 4, Duration.ofSeconds(90),
            Duration.ofSeconds(15));

    private FaultSuite suite;

    @BeforeAll
    void start() throws Exception {
        suite = open(1);
    }

    @AfterAll
    void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * Alerts per Deployment of the storm: 1,000 in all (reliability/run.sh sends 2,000), so that on main's sequential
     * remediation (about 100 decisions/s on 2 cores) the storm adds about a minute to the run.
     */
    static final int STORM_PER_TARGET = 10;

    static FaultSuite open(int brokers) throws Exception {
        return FaultSuite.open(Path.of("..").toAbsolutePath().normalize(), System.getProperty("java.class.path"),
                SHORT, brokers);
    }

    /** Nothing lost, no action or page twice, every human told, nothing else wrong, and some load acknowledged. */
    static void assertPassed(FaultSuite.Result r) {
        assertThat(r.acked()).as("%s: alerts acknowledged", r.name()).isPositive();
        assertThat(r.lost()).as("%s: acknowledged alerts not on Kafka", r.name()).isZero();
        assertThat(r.actionsDuplicated()).as("%s: Deployments restarted twice", r.name()).isZero();
        assertThat(r.pagesMissing()).as("%s: alerts nobody was told of", r.name()).isZero();
        assertThat(r.pagesDuplicated()).as("%s: alerts paged twice", r.name()).isZero();
        assertThat(r.problems()).as("%s: problems", r.name()).isEmpty();
    }

    /**
     * A storm of 1,000 alerts over 100 Deployments, two groups re-sent, then some resolved: each occurrence decided
     * once, no Deployment restarted twice, the rate limit kept and exceeded, every alert that needs a human paged once.
     * First: the rate limit counts every action of its period.
     */
    @Test
    @Order(0)
    void storm() throws Exception {
        StormResult storm = suite.storm(STORM_PER_TARGET);

        assertThat(storm.refused()).as("webhook requests not answered 2xx").isZero();
        assertThat(storm.acked()).as("occurrences acknowledged").isEqualTo(storm.alerts() + storm.resolvedSent());
        assertThat(storm.alerts()).as("firing occurrences").isGreaterThan(100 * STORM_PER_TARGET);
        assertThat(storm.resolvedSent()).as("resolved occurrences").isPositive();
        assertThat(storm.lost()).as("acknowledged alerts not on Kafka").isZero();
        assertThat(storm.undecided()).as("firing occurrences without a decision").isZero();
        assertThat(storm.decidedTwice()).as("firing occurrences decided more than once").isZero();
        assertThat(storm.decided()).as("firing occurrences decided once").isEqualTo(storm.alerts());
        assertThat(storm.resolvedActed()).as("resolved occurrences that started an action").isZero();
        assertThat(storm.targetsRestartedTwice()).as("Deployments restarted twice within their cooldown").isZero();
        assertThat(storm.actionsStarted()).as("actions started").isPositive()
                .isEqualTo(storm.targetsRestarted());
        assertThat(storm.startsInPeriod()).as("actions started within one rate-limit period")
                .isLessThanOrEqualTo(storm.rateLimit());
        assertThat(storm.decisions()).as("decisions by outcome").containsKey("SKIPPED rate-limit");
        assertThat(storm.rateLimitedUnpaged()).as("alerts refused by the rate limit and not paged").isZero();
        assertThat(storm.pagesMissing()).as("alerts that need a human and were not paged").isZero();
        assertThat(storm.pagesDuplicated()).as("alerts paged twice").isZero();
        assertThat(storm.pagesSent()).as("pages").isEqualTo(storm.pagesExpected()).isPositive();
        assertThat(storm.problems()).as("problems").isEmpty();
    }

    @Test
    @Order(1)
    void steadyNoFault() throws Exception {
        FaultSuite.Result steady = suite.steadyNoFault();

        assertPassed(steady);
        assertThat(steady.actionsDone()).as("restarts without a fault").isEqualTo(steady.actionsExpected());
        assertThat(steady.pagesSent()).as("pages without a fault").isEqualTo(steady.pagesExpected()).isPositive();
    }

    @Test
    @Order(2)
    void ingestKill9() throws Exception {
        assertPassed(suite.ingestKill9());
    }

    @Test
    @Order(3)
    void remediationKill9() throws Exception {
        assertPassed(suite.remediationKill9());
    }

    @Test
    @Order(4)
    void notifierKill9() throws Exception {
        assertPassed(suite.notifierKill9());
    }

    @Test
    @Order(5)
    void brokerStopRestart() throws Exception {
        assertPassed(suite.brokerStopRestart());
    }

    @Test
    @Order(6)
    void kubernetes503ThenLate() throws Exception {
        assertPassed(suite.kubernetes503ThenLate());
    }

    @Test
    @Order(7)
    void pagerDuty429Then500() throws Exception {
        assertPassed(suite.pagerDuty429Then500());
    }

    /** Killed between intent and call, then between call and done: every action done, and exactly once. */
    @Test
    @Order(8)
    void killInActionWindow() throws Exception {
        FaultSuite.Result afterIntent = suite.killInActionWindow("after-intent");
        FaultSuite.Result afterCall = suite.killInActionWindow("after-call");

        assertThat(afterIntent.problems()).as("after-intent").isEmpty();
        assertThat(afterCall.problems()).as("after-call").isEmpty();
        for (FaultSuite.Result r : new FaultSuite.Result[] {afterIntent, afterCall}) {
            assertPassed(r);
            assertThat(r.actionsDone()).as("%s: actions done", r.name()).isEqualTo(r.actionsExpected());
        }
    }

    @Test
    @Order(9)
    void brokerUnreachable() throws Exception {
        assertPassed(suite.brokerUnreachable());
    }

    /** Last on this set-up: it leaves a second remediation replica running. */
    @Test
    @Order(10)
    void twoReplicasRace() throws Exception {
        FaultSuite.Result race = suite.twoReplicasRace();

        assertPassed(race);
        assertThat(race.actionsDone()).as("restarts of the one target").isEqualTo(1);
    }
}
