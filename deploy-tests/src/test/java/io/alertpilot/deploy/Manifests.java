package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The objects of one {@code helm template} output, parsed with fabric8 (custom resources as generic ones). */
record Manifests(String yaml, List<HasMetadata> objects) {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    static Manifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            String body = document.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")).strip();
            if (body.isEmpty()) {
                continue;
            }
            Object parsed = Serialization.unmarshal(document);
            assertThat(parsed).as("a Kubernetes object:\n%s", document).isInstanceOf(HasMetadata.class);
            objects.add((HasMetadata) parsed);
        }
        return new Manifests(yaml, List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind()))
                .map(o -> assertGeneric(o)).toList();
    }

    private static GenericKubernetesResource assertGeneric(HasMetadata object) {
        assertThat(object).isInstanceOf(GenericKubernetesResource.class);
        return (GenericKubernetesResource) object;
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                + " in " + names()));
    }

    Deployment deployment(String component) {
        return get(Deployment.class, "alertpilot-" + component);
    }

    ConfigMap configMap(String name) {
        return get(ConfigMap.class, "alertpilot-" + name);
    }

    static Container container(Deployment deployment) {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** The container's plain environment variables (name -> value; null for those from a secret or field). */
    static Map<String, String> env(Deployment deployment) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (EnvVar var : container(deployment).getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    static EnvVar envVar(Deployment deployment, String name) {
        return container(deployment).getEnv().stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + deployment.getMetadata().getName()));
    }

    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
