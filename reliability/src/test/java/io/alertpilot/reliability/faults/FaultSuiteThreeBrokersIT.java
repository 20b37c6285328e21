package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.FaultSuiteIT.assertPassed;

import org.junit.jupiter.api.Test;

/**
 * The short version of the fault suite's three-broker scenario, on a set-up of its own: three KRaft nodes, topics of
 * 3 replicas with {@code min.insync.replicas=2}, the leader of most alert and ledger partitions killed under load.
 */
class FaultSuiteThreeBrokersIT {

    @Test
    void leaderLoss3Brokers() throws Exception {
        try (FaultSuite suite = FaultSuiteIT.open(3)) {
            assertPassed(suite.leaderLoss3Brokers());
        }
    }
}
