package io.alertpilot.standalone.browser;

import io.alertpilot.model.kafka.Json;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console's browser tests run against: the operators (one per role), a playbook directory with a playbook
 * that plans a restart (its own dry run) and one that waits for an approval and then restarts on the cluster, a
 * policy directory whose policy pages the {@code log} channel, the cluster (fabric8's mock API server holding the
 * Deployments the alerts name), and Alertmanager webhook messages for them.
 */
final class ConsoleFixtures {

    /** The token of the ingest webhooks and of the shared API user. */
    static final String INGEST_TOKEN = "browser-ingest-token";
    static final String API_TOKEN = "browser-api-token";

    /** An operator with a role and the token that logs them in. */
    record Operator(String name, String role, String token) {
    }

    static final Operator ADMIN = new Operator("ann", "admin", "ann-token-0123456789");
    static final Operator RESPONDER = new Operator("rita", "responder", "rita-token-0123456789");
    static final Operator VIEWER = new Operator("vic", "viewer", "vic-token-0123456789");
    static final Operator APPROVER = new Operator("appr", "approver", "appr-token-0123456789");

    /** The alert the {@link #ACTING_PLAYBOOK} restarts for, and its playbook. */
    static final String ACTING_ALERT = "BrowserCrashLoop";
    static final String ACTING_PLAYBOOK = "restart-browser-checkout";
    /** The alert the {@link #APPROVAL_PLAYBOOK} waits for an approval on, and its playbook. */
    static final String APPROVAL_ALERT = "BrowserBadRelease";
    static final String APPROVAL_PLAYBOOK = "restart-browser-once-approved";
    /** The cluster every alert names, as remediation knows it. */
    static final String CLUSTER = "browser";
    /** The Deployments of namespace {@code shop} the alerts name, each on the cluster. */
    static final List<String> DEPLOYMENTS = List.of("checkout", "payments", "billing", "cart", "ledger", "web");

    private ConsoleFixtures() {
    }

    /** Spring properties naming the four operators, each with its token and role. */
    static Map<String, String> operatorProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Operator operator : List.of(ADMIN, RESPONDER, VIEWER, APPROVER)) {
            properties.put("alertpilot.api.users." + operator.name() + ".token", operator.token());
            properties.put("alertpilot.api.users." + operator.name() + ".roles", operator.role());
        }
        return properties;
    }

    /** Writes the playbook directory into {@code root} and answers it. */
    static Path playbooks(Path root) {
        return write(root.resolve("playbooks"), "browser.yml", """
                playbooks:
                  - name: %s
                    match: { alertname: %s, labels: { deployment: ".+" } }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions:
                      - restart: {}
                    dryRun: true
                    guard: { cooldown: 15m, maxAttempts: 3, window: 1h }
                  - name: %s
                    match: { alertname: %s, labels: { deployment: ".+" } }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions:
                      - restart: {}
                    approval: { required: true, timeout: 30m }
                    guard: { cooldown: 30m, maxAttempts: 1, window: 2h }
                """.formatted(ACTING_PLAYBOOK, ACTING_ALERT, APPROVAL_PLAYBOOK, APPROVAL_ALERT));
    }

    /**
     * Starts fabric8's mock Kubernetes API server (CRUD) holding the {@link #DEPLOYMENTS}, each with its two
     * replicas ready, and answers it.
     */
    static KubernetesMockServer cluster() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            for (String name : DEPLOYMENTS) {
                client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                        .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                        .withNewSpec().withReplicas(2)
                            .withNewSelector().addToMatchLabels("app", name).endSelector()
                            .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                                .withNewSpec().addNewContainer().withName("app").withImage("shop/" + name).endContainer()
                                .endSpec().endTemplate()
                        .endSpec()
                        .withNewStatus().withReplicas(2).withUpdatedReplicas(2).withReadyReplicas(2)
                            .withAvailableReplicas(2).endStatus()
                        .build()).create();
            }
        }
        return server;
    }

    /** Writes the policy directory into {@code root} and answers it: every incident pages the log channel. */
    static Path policies(Path root) {
        return write(root.resolve("policies"), "browser.yml", """
                policies:
                  - name: browser-on-call
                    steps:
                      - after: 0s
                        notify:
                          - log: on-call
                """);
    }

    /**
     * An Alertmanager webhook message (version 4) with one firing alert of {@code fingerprint}, its labels and
     * annotations.
     */
    static String firing(String fingerprint, Map<String, String> labels, Map<String, String> annotations) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", "firing");
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", Instant.now().toString());
        alert.put("endsAt", "0001-01-01T00:00:00Z");
        alert.put("fingerprint", fingerprint);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("version", "4");
        message.put("status", "firing");
        message.put("receiver", "alertpilot");
        message.put("groupKey", "{}:{alertname=\"" + labels.get("alertname") + "\"}");
        message.put("alerts", List.of(alert));
        return Json.mapper().writeValueAsString(message);
    }

    /** Labels of an alert of {@code name} on Deployment {@code shop/<deployment>} of cluster {@code browser}. */
    static Map<String, String> labels(String name, String deployment, String severity) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("severity", severity);
        labels.put("cluster", CLUSTER);
        labels.put("namespace", "shop");
        labels.put("deployment", deployment);
        return labels;
    }

    private static Path write(Path directory, String file, String text) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(file), text);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
