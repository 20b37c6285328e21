package io.alertpilot.cli.test;

import java.util.List;

/**
 * How one test ended.
 *
 * @param differences what differs between expected and got, one readable line each; empty when the test passed
 * @param millis how long it ran (real time), for the JUnit report
 */
record TestOutcome(String name, List<String> differences, long millis) {

    TestOutcome {
        differences = List.copyOf(differences);
    }

    boolean passed() {
        return differences.isEmpty();
    }
}
