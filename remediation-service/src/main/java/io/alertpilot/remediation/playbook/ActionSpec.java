package io.alertpilot.remediation.playbook;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One action of a playbook as written, already checked for known parameters and value types. String parameters may
 * hold templates ({@code {{ labels.pod }}}); numbers and the failover selector are literal.
 *
 * @param params scalar parameters by name, as text ({@code to}, {@code by}, {@code min}, {@code max}, {@code pod},
 *     {@code node}, {@code url}, {@code method}, {@code toRevision}, {@code revertOnRecovery}, {@code hpa},
 *     {@code ingress}, {@code egress}, {@code removeOnRecovery}; a webhook's {@code body} and {@code tokenFile}, and
 *     each of its headers as {@code header.<Name>}, see {@link #headers()})
 * @param selector the Service selector a failover switches to; empty for other types
 */
public record ActionSpec(ActionType type, Map<String, String> params, Map<String, String> selector) {

    /** The prefix of a webhook header's key in {@link #params()}. */
    public static final String HEADER = "header.";

    public ActionSpec {
        Objects.requireNonNull(type, "type");
        params = params == null ? Map.of() : Map.copyOf(params);
        selector = selector == null ? Map.of() : Map.copyOf(selector);
    }

    /** A webhook's headers (name -> value template), kept in {@link #params()} as {@code header.<Name>}. */
    public Map<String, String> headers() {
        Map<String, String> headers = new TreeMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith(HEADER)) {
                headers.put(key.substring(HEADER.length()), value);
            }
        });
        return headers;
    }

    /** The parameter {@code name}, or null. */
    public String param(String name) {
        return params.get(name);
    }
}
