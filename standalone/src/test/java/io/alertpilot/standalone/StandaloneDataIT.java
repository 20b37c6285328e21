package io.alertpilot.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's walk-through of standalone's data directory with the packaged jar: the crash-loop alert is fired,
 * its incident and PLANNED restart (dry run) appear, the process is killed with -9 and started again on the same
 * {@code --data-dir}: the incident, its remediation and the guards' state (the playbook's cooldown on the target)
 * are there. A SIGTERM then stops it with no ERROR line in its output.
 */
class StandaloneDataIT {

    private static final String FINGERPRINT = "0c029c006d0ffce0";

    @TempDir
    Path work;

    private final List<StandaloneProcess> started = new ArrayList<>();

    @AfterEach
    void endWhatIsLeft() {
        started.forEach(StandaloneProcess::destroy);
    }

    @Test
    void incidentRemediationAndGuardStateSurviveKillNineAndSigtermStopsWithoutErrors() throws Exception {
        Path dataDir = work.resolve("alertpilot-data");
        StandaloneProcess first = start(dataDir, "first.log");
        ApiResponse fired = first.api().post("/api/v1/webhooks/alertmanager",
                Samples.bytes("alertmanager/firing-crashloop.json"));
        assertThat(fired.status()).as(fired.toString()).isEqualTo(202);
        Awaitility.await("incident and PLANNED restart").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> incidentListed(first.api()) && restartPlanned(first.api()));
        JsonNode guard = Awaitility.await("the guards' state").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> guardOnTarget(first.api()), g -> g != null && !g.path("cooldownUntil").isNull());
        first.kill();

        StandaloneProcess second = start(dataDir, "second.log");
        assertThat(second.output()).contains("existing storage", dataDir.toString());
        Awaitility.await("the incident and its remediation after kill -9").atMost(Duration.ofSeconds(120))
                .ignoreExceptions().until(() -> incidentListed(second.api()) && restartPlanned(second.api()));
        assertThat(second.api().get("/api/v1/incidents/" + FINGERPRINT).json().path("id").asString())
                .isEqualTo(FINGERPRINT);
        JsonNode kept = Awaitility.await("the guards' state after kill -9").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> guardOnTarget(second.api()), g -> g != null);
        assertThat(kept.path("cooldownUntil").asString()).isEqualTo(guard.path("cooldownUntil").asString());
        assertThat(kept.path("attemptsInWindow").asInt()).isEqualTo(guard.path("attemptsInWindow").asInt())
                .isPositive();

        int exit = second.stop();
        String output = second.output();
        System.out.printf("standalone SIGTERM: exit %d, %d WARN lines, %d ERROR lines%n", exit,
                count(output, " WARN "), count(output, " ERROR "));
        assertThat(output).contains("Embedded Kafka broker stopped");
        assertThat(output.lines().filter(line -> line.contains(" ERROR ")))
                .as("ERROR lines of a SIGTERM stop").isEmpty();
    }

    private StandaloneProcess start(Path dataDir, String log) throws Exception {
        return StandaloneProcess.start(dataDir, work.resolve(log), started);
    }

    private static boolean incidentListed(ApiClient api) {
        return api.get("/api/v1/incidents").body().contains(FINGERPRINT);
    }

    private static boolean restartPlanned(ApiClient api) {
        for (JsonNode remediation : api.get("/api/v1/remediations").json().path("items")) {
            String text = remediation.toString();
            if (text.contains(FINGERPRINT) && text.contains("PLANNED") && text.contains("restart")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode guardOnTarget(ApiClient api) {
        for (JsonNode guard : api.get("/api/v1/playbooks/targets").json().path("items")) {
            if (guard.path("attemptsInWindow").asInt() > 0) {
                return guard;
            }
        }
        return null;
    }

    private static long count(String output, String level) {
        return output.lines().filter(line -> line.contains(level)).count();
    }
}
