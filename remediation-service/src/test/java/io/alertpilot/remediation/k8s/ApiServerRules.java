package io.alertpilot.remediation.k8s;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock API server with the API server rules the work actions rely on and the mock lacks: a pod's
 * {@code eviction} subresource (the pod goes, unless a test marks it as held by a PodDisruptionBudget: then 429, as
 * the API server answers), a delete's {@code preconditions.uid} (409 when the stored object has another uid), and a
 * list of pods by {@code spec.nodeName} (answered with every pod: callers filter by node as well).
 * A test can also have a pod replaced by its controller at the moment of its first delete, whose answer then fails
 * (500), as a delete that went through but whose answer was lost. Public for the live service's tests. Thread safe.
 */
public final class ApiServerRules extends KubernetesCrudDispatcher {

    private static final Pattern POD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)(/eviction)?(\\?.*)?");

    private final KubernetesSerialization json = new KubernetesSerialization();
    /** {@code namespace/name} of pods whose eviction a budget refuses. */
    public final Set<String> heldByBudget = ConcurrentHashMap.newKeySet();
    /** {@code namespace/name} of pods replaced (another uid) when first deleted, with a failed answer. */
    public final Set<String> replacedOnDelete = ConcurrentHashMap.newKeySet();
    /** {@code namespace/name} of every pod evicted or deleted. */
    public final List<String> removed = new CopyOnWriteArrayList<>();
    /** Namespaces where the service account may not evict (403, as RBAC bound to other namespaces answers). */
    public final Set<String> evictionForbidden = ConcurrentHashMap.newKeySet();
    /** {@code namespace/name} of every eviction refused. */
    public final List<String> refused = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("GET") && request.getPath().startsWith("/api/v1/pods?")
                && request.getPath().contains("fieldSelector=spec.nodeName")) {
            // the mock knows no spec.nodeName field selector: every pod, which the caller filters by node
            return super.handleGet("/api/v1/pods");
        }
        Matcher pod = POD.matcher(request.getPath());
        if (!pod.matches()) {
            return super.dispatch(request);
        }
        String key = pod.group(1) + "/" + pod.group(2);
        String path = "/api/v1/namespaces/" + pod.group(1) + "/pods/" + pod.group(2);
        boolean eviction = pod.group(3) != null;
        if (eviction && request.getMethod().equals("POST")) {
            if (evictionForbidden.contains(pod.group(1))) {
                return status(403, "Forbidden", "pods \"" + pod.group(2) + "\" is forbidden: cannot create "
                        + "resource \"pods/eviction\" in namespace \"" + pod.group(1) + "\"");
            }
            if (heldByBudget.contains(key)) {
                refused.add(key);
                return status(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption "
                        + "budget.");
            }
            DeleteOptions options = json.unmarshal(request.getUtf8Body(), io.fabric8.kubernetes.api.model.policy.v1
                    .Eviction.class).getDeleteOptions();
            return delete(key, path, options, 201);
        }
        if (!eviction && request.getMethod().equals("DELETE")) {
            String body = request.getUtf8Body();
            DeleteOptions options = body == null || body.isBlank() ? null : json.unmarshal(body, DeleteOptions.class);
            if (replacedOnDelete.remove(key)) {
                Pod old = stored(path);
                super.handleDelete(path);
                Pod replacement = new PodBuilder(old).editMetadata().withUid(UUID.randomUUID().toString())
                        .withResourceVersion(null).endMetadata().build();
                super.handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST, path.substring(0,
                        path.lastIndexOf('/')), Headers.builder().add("Content-Type", "application/json").build(),
                        new Buffer(json.asJson(replacement).getBytes(StandardCharsets.UTF_8))));
                removed.add(key);
                return status(500, "InternalError", "the answer was lost");
            }
            return delete(key, path, options, 200);
        }
        return super.dispatch(request);
    }

    private MockResponse delete(String key, String path, DeleteOptions options, int code) {
        Pod stored = stored(path);
        if (stored == null) {
            return status(404, "NotFound", "pods \"" + key + "\" not found");
        }
        if (options != null && options.getPreconditions() != null && options.getPreconditions().getUid() != null
                && !options.getPreconditions().getUid().equals(stored.getMetadata().getUid())) {
            return status(409, "Conflict", "Precondition failed: UID in precondition: "
                    + options.getPreconditions().getUid() + ", UID in object meta: " + stored.getMetadata().getUid());
        }
        super.handleDelete(path);
        removed.add(key);
        return status(code, "Success", "");
    }

    private Pod stored(String path) {
        MockResponse found = super.handleGet(path);
        if (found.code() != 200) {
            return null;
        }
        return json.unmarshal(new String(found.getBody().getBytes(), StandardCharsets.UTF_8), Pod.class);
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"" + (code < 300 ? "Success" : "Failure")
                        + "\",\"reason\":\"" + reason + "\",\"message\":\"" + message + "\",\"code\":" + code + "}");
    }

    static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
