package io.alertpilot.remediation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.RemediationApplication;
import io.alertpilot.remediation.guard.LedgerEntry.LadderState;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Issue 15's ladder on {@link LiveIT}'s service, broker and mock cluster: ServiceDown fires; a second replica
 * restarts and is stopped while step 1 holds; the first replica judges step 1 still firing and scales up within
 * bounds; still firing, the rollback waits for approval; approved, it rolls back; the alert resolves and the ladder
 * holds clear. Every event carries its step.
 */
final class LadderScenario {

    private static final String NAMESPACE = "ladder";
    private static final String KEY = "default/ladder/Deployment/api";

    private final LiveIT it;

    LadderScenario(LiveIT it) {
        this.it = it;
    }

    void run() throws Exception {
        Deployment d = LiveIT.deployment(NAMESPACE, "api", 2);
        LiveIT.revisions(d);
        Map<String, String> labels = LiveIT.labels(NAMESPACE, "api");

        Map<String, Object> props = LiveIT.properties(it.broker.getBrokersAsString());
        props.put("server.port", "0");
        props.put("alertpilot.remediation.identity", "ladder-replica-b");
        MessageListenerContainer mine = it.listeners.getListenerContainer("remediation-alerts");
        try (ConfigurableApplicationContext replicaB = new SpringApplicationBuilder(RemediationApplication.class)
                .run(LiveIT.args(props))) {
            MessageListenerContainer theirs = replicaB.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer("remediation-alerts");
            await().atMost(Duration.ofSeconds(60)).until(() -> theirs.getAssignedPartitions() != null
                    && !theirs.getAssignedPartitions().isEmpty() && mine.getAssignedPartitions() != null
                    && theirs.getAssignedPartitions().size() + mine.getAssignedPartitions().size() == 2);
            int partition = theirs.getAssignedPartitions().iterator().next().partition();
            AlertEvent firing = LiveIT.alert("ItServiceDown", AlertStatus.FIRING, labels, "fp-ladder");
            it.kafka.send(Topics.ALERTS, partition, firing.fingerprint(), firing).get();

            awaitLadder(1, "HOLDING");
            assertThat(LiveIT.restartedAt(LiveIT.client, NAMESPACE)).as("step 1 restarted on replica B").isNotNull();
            assertThat(it.eventsFor(KEY)).extracting(RemediationEvent::phase, RemediationEvent::step,
                    RemediationEvent::action).containsExactly(tuple(RemediationPhase.PLANNED, 1, "restart"),
                            tuple(RemediationPhase.STARTED, 1, "restart"),
                            tuple(RemediationPhase.SUCCEEDED, 1, "restart"));
        }
        // replica B is gone between steps: this replica judges step 1 from the ledger and climbs on

        await().atMost(Duration.ofSeconds(60)).until(() -> replicas() == 4);
        LiveIT.client.apps().deployments().inNamespace(NAMESPACE).withName("api").editStatus(s -> {
            s.getStatus().setReplicas(4);
            s.getStatus().setUpdatedReplicas(4);
            s.getStatus().setReadyReplicas(4);
            s.getStatus().setAvailableReplicas(4);
            return s;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> it.eventsFor(KEY).stream()
                .anyMatch(e -> e.phase() == RemediationPhase.PENDING_APPROVAL));
        RemediationEvent pending = it.eventsFor(KEY).getLast();
        assertThat(pending).extracting(RemediationEvent::step, RemediationEvent::action).containsExactly(3, "rollback");
        assertThat(replicas()).as("scaled by 2 within max 4, once").isEqualTo(4);
        assertThat(image()).as("nothing rolled back before the approval").isEqualTo("shop/api:2");

        ApiResponse approved = ApiClient.at(it.port).withToken(LiveIT.APPROVER_TOKEN)
                .post("/api/v1/remediations/" + pending.remediationId() + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        awaitLadder(3, "HOLDING");
        assertThat(image()).as("rolled back to revision 1").isEqualTo("shop/api:1");

        it.send("ItServiceDown", AlertStatus.RESOLVED, labels, "fp-ladder");
        await().atMost(Duration.ofSeconds(60)).until(() -> it.eventsFor(KEY).getLast().phase()
                == RemediationPhase.VERIFIED);
        // the ladder now holds clear for step 3's holdFor, then ends (LadderTest follows that in virtual time; here
        // it would only add the holdFor to the test's time)
        awaitLadder(3, "CLEARED");

        assertThat(it.eventsFor(KEY)).extracting(RemediationEvent::phase, RemediationEvent::step,
                RemediationEvent::action, RemediationEvent::reason).containsExactly(
                        tuple(RemediationPhase.PLANNED, 1, "restart", null),
                        tuple(RemediationPhase.STARTED, 1, "restart", null),
                        tuple(RemediationPhase.SUCCEEDED, 1, "restart", null),
                        tuple(RemediationPhase.FAILED, 1, "restart", "still-firing"),
                        tuple(RemediationPhase.PLANNED, 2, "scale", null),
                        tuple(RemediationPhase.STARTED, 2, "scale", null),
                        tuple(RemediationPhase.SUCCEEDED, 2, "scale", null),
                        tuple(RemediationPhase.FAILED, 2, "scale", "still-firing"),
                        tuple(RemediationPhase.PLANNED, 3, "rollback", null),
                        tuple(RemediationPhase.PENDING_APPROVAL, 3, "rollback", "approval"),
                        tuple(RemediationPhase.STARTED, 3, "rollback", null),
                        tuple(RemediationPhase.SUCCEEDED, 3, "rollback", null),
                        tuple(RemediationPhase.VERIFIED, 3, "rollback", null));
        assertThat(it.eventsFor(KEY).getLast().message()).contains("the alert cleared within holdFor");
    }

    private LadderState ladder() {
        it.ledger.sync();
        return it.ledger.get(KEY).ladders().stream().findFirst().orElse(null);
    }

    private void awaitLadder(int step, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            LadderState ladder = ladder();
            return ladder != null && ladder.step() == step && ladder.state().equals(state);
        });
    }

    private static int replicas() {
        return LiveIT.client.apps().deployments().inNamespace(NAMESPACE).withName("api").get().getSpec().getReplicas();
    }

    private static String image() {
        return LiveIT.client.apps().deployments().inNamespace(NAMESPACE).withName("api").get().getSpec().getTemplate()
                .getSpec().getContainers().getFirst().getImage();
    }
}
