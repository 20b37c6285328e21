package io.alertpilot.remediation.k8s;

import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.Diagnosis.PodState;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.diagnose.DiagnoseSettings;
import io.alertpilot.remediation.diagnose.Diagnoser;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gathers a read-only {@link Diagnosis} with fabric8, every call through {@link KubernetesResilience}: the target's
 * pods (a workload's by its selector, or the Pod), the recent events about the workload, its ReplicaSets and pods, the
 * previous log of the container with the most restarts ({@link PreviousLog}: bounded, redacted), and the rollout
 * history ({@link RolloutHistory}). Each part that cannot be had (403, timeout, open breaker) is a note; the whole
 * takes at most {@link DiagnoseSettings#timeout()}, after which what was gathered is kept with a note. Never throws.
 * Thread safe.
 */
public final class Diagnostician implements Diagnoser {

    /** The most events of a namespace read in one diagnosis (one page of the list). */
    static final long EVENTS_LISTED = 500;

    private final KubernetesClusters clusters;
    private final KubernetesResilience resilience;
    private final DiagnoseSettings settings;
    private final Clock clock;

    public Diagnostician(KubernetesClusters clusters, KubernetesResilience resilience, DiagnoseSettings settings,
            Clock clock) {
        this.clusters = clusters;
        this.resilience = resilience;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Diagnosis diagnose(ResolvedTarget target, int logLines) {
        Gathered gathered = new Gathered();
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> gather(target, logLines, gathered),
                command -> Thread.ofVirtual().name("diagnose").start(command));
        try {
            work.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            work.cancel(true);
            gathered.note("stopped after " + settings.timeout() + ": the rest could not be gathered in time");
        } catch (ExecutionException e) {
            gathered.note("stopped by an unexpected error (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gathered.note("interrupted");
        }
        return gathered.diagnosis(clock);
    }

    private void gather(ResolvedTarget target, int logLines, Gathered gathered) {
        String cluster;
        KubernetesClient client;
        try {
            cluster = clusters.resolve(target.cluster());
            client = clusters.client(target.cluster());
        } catch (UnknownClusterException e) {
            gathered.note(e.getMessage());
            return;
        }
        Calls calls = new Calls(cluster, gathered);
        String ns = target.namespace();
        List<Pod> pods = calls.get("pods", () -> pods(client, target), List.of());
        List<PodState> states = pods.stream().limit(settings.maxPods()).map(Diagnostician::state).toList();
        gathered.pods(states);
        if (pods.size() > settings.maxPods()) {
            gathered.note(pods.size() + " pods, the first " + settings.maxPods() + " listed");
        }
        List<String> involved = new ArrayList<>();
        involved.add(target.name());
        pods.forEach(p -> involved.add(p.getMetadata().getName()));
        RolloutHistory history = new RolloutHistory(client, target);
        List<? extends HasMetadata> owned = calls.get("rollout history", history::owned, List.of());
        owned.forEach(o -> involved.add(o.getMetadata().getName()));
        gathered.events(calls.get("events", () -> events(client, ns, involved), List.of()));
        crashed(pods).ifPresent(crash -> {
            gathered.logContainer(crash.pod() + "/" + crash.container());
            PreviousLog log = new PreviousLog(settings.maxLogBytes(), settings.redaction());
            gathered.logTail(calls.get("previous log of " + crash.pod() + "/" + crash.container(),
                    () -> log.tail(client, ns, crash.pod(), crash.container(), logLines), List.of()));
        });
        gathered.rollouts(RolloutHistory.lines(owned));
    }

    private List<Pod> pods(KubernetesClient client, ResolvedTarget target) {
        String ns = target.namespace();
        if (target.kind().equals("Pod")) {
            Pod pod = client.pods().inNamespace(ns).withName(target.name()).get();
            return pod == null ? List.of() : List.of(pod);
        }
        HasMetadata workload = switch (target.kind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(ns).withName(target.name()).get();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(ns).withName(target.name()).get();
            case "DaemonSet" -> client.apps().daemonSets().inNamespace(ns).withName(target.name()).get();
            default -> throw new ClusterCallException("unsupported", target.kind() + " has no pods to diagnose",
                    null);
        };
        if (workload == null) {
            throw new ClusterCallException("http-404", target.kind() + " " + ns + "/" + target.name()
                    + " does not exist", null);
        }
        LabelSelector selector = switch (workload) {
            case Deployment d -> d.getSpec().getSelector();
            case StatefulSet s -> s.getSpec().getSelector();
            case DaemonSet d -> d.getSpec().getSelector();
            default -> null;
        };
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return List.of();
        }
        return client.pods().inNamespace(ns).withLabels(selector.getMatchLabels()).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    private List<String> events(KubernetesClient client, String ns, List<String> involved) {
        // bounded: a namespace may hold many thousands of events, of which only the workload's are wanted
        List<Event> events = client.v1().events().inNamespace(ns)
                .list(new ListOptionsBuilder().withLimit(EVENTS_LISTED).build()).getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && involved.contains(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(Diagnostician::when))
                .toList();
        return events.subList(Math.max(0, events.size() - settings.maxEvents()), events.size()).stream()
                .map(Diagnostician::line).toList();
    }

    private static String when(Event e) {
        return Stream.of(e.getLastTimestamp(), e.getEventTime() == null ? null : e.getEventTime().getTime(),
                e.getFirstTimestamp(), e.getMetadata().getCreationTimestamp())
                .filter(Objects::nonNull).findFirst().orElse("");
    }

    private static String line(Event e) {
        String count = e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "";
        return e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName() + " " + e.getReason() + ": "
                + Objects.requireNonNullElse(e.getMessage(), "").strip() + count;
    }

    static PodState state(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        int restarts = statuses.stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        List<String> reasons = new ArrayList<>();
        for (ContainerStatus s : statuses) {
            if (s.getState() != null && s.getState().getWaiting() != null) {
                reasons.add(s.getState().getWaiting().getReason());
            }
            if (s.getState() != null && s.getState().getTerminated() != null) {
                reasons.add(s.getState().getTerminated().getReason());
            }
            if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
                reasons.add(s.getLastState().getTerminated().getReason());
            }
        }
        String reason = reasons.stream().filter(Objects::nonNull).distinct().reduce((a, b) -> a + ", " + b)
                .orElse(null);
        return new PodState(pod.getMetadata().getName(), pod.getStatus() == null ? null : pod.getStatus().getPhase(),
                ready, restarts, reason, pod.getSpec() == null ? null : pod.getSpec().getNodeName());
    }

    /** The container that restarted most (at least once), with its pod. */
    private static Optional<Crash> crashed(List<Pod> pods) {
        Crash most = null;
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                int restarts = s.getRestartCount() == null ? 0 : s.getRestartCount();
                if (restarts > 0 && (most == null || restarts > most.restarts())) {
                    most = new Crash(pod.getMetadata().getName(), s.getName(), restarts);
                }
            }
        }
        return Optional.ofNullable(most);
    }

    private record Crash(String pod, String container, int restarts) {
    }

    /** One part's calls: a failure of the part is a note, the part is left empty. */
    private final class Calls {
        private final String cluster;
        private final Gathered gathered;

        Calls(String cluster, Gathered gathered) {
            this.cluster = cluster;
            this.gathered = gathered;
        }

        <T> T get(String part, Supplier<T> call, T empty) {
            try {
                return resilience.call(cluster, call);
            } catch (CircuitOpenException e) {
                gathered.note(part + ": not gathered, the circuit breaker of cluster " + e.cluster() + " is open");
            } catch (ClusterCallException e) {
                gathered.note(part + ": not gathered (" + e.reason() + ")" + (e.getMessage() == null
                        || e.getMessage().isBlank() ? "" : ": " + e.getMessage()));
            }
            return empty;
        }
    }

    /** What was gathered so far; read once the time is up, so every part is published whole or not at all. */
    private static final class Gathered {
        private volatile List<PodState> pods = List.of();
        private volatile List<String> events = List.of();
        private volatile String logContainer;
        private volatile List<String> logTail = List.of();
        private volatile List<String> rollouts = List.of();
        private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

        void pods(List<PodState> value) {
            pods = value;
        }

        void events(List<String> value) {
            events = value;
        }

        void logContainer(String value) {
            logContainer = value;
        }

        void logTail(List<String> value) {
            logTail = value;
        }

        void rollouts(List<String> value) {
            rollouts = value;
        }

        void note(String note) {
            notes.add(note);
        }

        Diagnosis diagnosis(Clock clock) {
            List<String> copy;
            synchronized (notes) {
                copy = List.copyOf(notes);
            }
            return new Diagnosis(pods, events, logContainer, logTail, rollouts, copy, clock.instant());
        }
    }
}
