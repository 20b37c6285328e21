package io.alertpilot.remediation.action;

import java.util.Set;

/**
 * Which namespaces actions may touch: none of {@code deny}, and when {@code allow} is not empty only those.
 * Immutable.
 */
public record NamespacePolicy(Set<String> allow, Set<String> deny) {

    public NamespacePolicy {
        allow = allow == null ? Set.of() : Set.copyOf(allow);
        deny = deny == null ? Set.of() : Set.copyOf(deny);
    }

    /** True when an action may touch {@code namespace}. */
    public boolean allows(String namespace) {
        return !deny.contains(namespace) && (allow.isEmpty() || allow.contains(namespace));
    }

    /** Why {@code namespace} is refused, for messages. */
    public String why(String namespace) {
        return deny.contains(namespace) ? "namespace '" + namespace + "' is on the deny list"
                : "namespace '" + namespace + "' is not on the allow list " + allow.stream().sorted().toList();
    }
}
