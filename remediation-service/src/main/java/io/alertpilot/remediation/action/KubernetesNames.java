package io.alertpilot.remediation.action;

import java.util.regex.Pattern;

/** Kubernetes' naming rules (RFC 1123 labels and subdomains), checked before any value reaches the API. */
public final class KubernetesNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private KubernetesNames() {
    }

    /** True for an RFC 1123 label: namespaces, Services; at most 63 characters. */
    public static boolean isLabel(String value) {
        return value != null && value.length() <= 63 && LABEL.matcher(value).matches();
    }

    /** True for an RFC 1123 subdomain: Deployments, pods, nodes; at most 253 characters. */
    public static boolean isSubdomain(String value) {
        return value != null && value.length() <= 253 && SUBDOMAIN.matcher(value).matches();
    }

    /** True for a cluster name: letters, digits, '-', '_', '.', at most 63 characters, no '..'. */
    public static boolean isClusterName(String value) {
        return value != null && value.length() <= 63 && !value.contains("..") && CLUSTER.matcher(value).matches();
    }

    /**
     * {@code prefix + name} as an object name: as it is when it fits 253 characters, else {@code name} cut short and
     * ended by a hash of it, so that the result stays the same for the same name and differs for another.
     */
    public static String withPrefix(String prefix, String name) {
        String whole = prefix + name;
        if (whole.length() <= 253) {
            return whole;
        }
        String hash = String.format("%08x", name.hashCode());
        String kept = whole.substring(0, 253 - hash.length() - 1).replaceAll("[-.]+$", "");
        return kept + "-" + hash;
    }
}
