package io.alertpilot.remediation.playbook;

import java.util.Map;
import java.util.Objects;

/**
 * One action of a playbook as written, already checked for known parameters and value types. String parameters may
 * hold templates ({@code {{ labels.pod }}}); numbers and the failover selector are literal.
 *
 * @param params scalar parameters by name, as text ({@code to}, {@code by}, {@code min}, {@code max}, {@code pod},
 *     {@code node}, {@code url}, {@code method}, {@code toRevision}, {@code revertOnRecovery}, {@code hpa},
 *     {@code ingress}, {@code egress}, {@code removeOnRecovery})
 * @param selector the Service selector a failover switches to; empty for other types
 */
public record ActionSpec(ActionType type, Map<String, String> params, Map<String, String> selector) {

    public ActionSpec {
        Objects.requireNonNull(type, "type");
        params = params == null ? Map.of() : Map.copyOf(params);
        selector = selector == null ? Map.of() : Map.copyOf(selector);
    }

    /** The parameter {@code name}, or null. */
    public String param(String name) {
        return params.get(name);
    }
}
