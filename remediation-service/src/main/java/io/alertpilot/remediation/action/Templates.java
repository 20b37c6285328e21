package io.alertpilot.remediation.action;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.playbook.TemplateSyntax;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/**
 * Plain substitution of {@code {{ labels.x }}}, {@code {{ annotations.x }}} and {@code {{ target.x }}} from an alert,
 * followed by a check of the result as a Kubernetes name. Values are inserted literally (never evaluated again), so a
 * label cannot inject a second placeholder. Stateless and thread safe.
 */
public final class Templates {

    /** How a substituted value must look. */
    public enum NameRule {
        /** RFC 1123 label, at most 63 characters: namespaces, Services, clusters. */
        LABEL,
        /** RFC 1123 subdomain, at most 253 characters: workloads, pods, nodes. */
        SUBDOMAIN,
        /** A cluster name as monitoring tools write it: letters, digits, '-', '_' and '.', at most 63 characters. */
        CLUSTER
    }

    /**
     * Substitutes {@code template} and checks the result.
     *
     * @param field the playbook field, for the message
     * @throws TemplateException when a referenced value is missing or the result breaks {@code rule}
     */
    public String resolve(String template, AlertEvent alert, String field, NameRule rule) {
        String value = substitute(template, alert, field);
        boolean valid = switch (rule) {
            case LABEL -> KubernetesNames.isLabel(value);
            case SUBDOMAIN -> KubernetesNames.isSubdomain(value);
            case CLUSTER -> KubernetesNames.isClusterName(value);
        };
        if (!valid) {
            throw new TemplateException("invalid-target", field, field + " is '" + printable(value)
                    + "' after substitution, which is not a valid Kubernetes name ("
                    + switch (rule) {
                        case LABEL -> "RFC 1123 label: lower-case letters, digits and '-', at most 63 characters";
                        case SUBDOMAIN -> "RFC 1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters";
                        case CLUSTER -> "letters, digits, '-', '_' and '.', at most 63 characters";
                    }
                    + ")");
        }
        return value;
    }

    /**
     * Substitutes {@code template} without checking the result.
     *
     * @throws TemplateException when a referenced label, annotation or target field is missing or empty
     */
    public String substitute(String template, AlertEvent alert, String field) {
        return substitute(template, alert, field, UnaryOperator.identity());
    }

    /**
     * Substitutes {@code template}, each value passed through {@code escape} first (a JSON body's values are
     * JSON-escaped, so that a quote or a line break in a label stays inside its string).
     *
     * @throws TemplateException when a referenced label, annotation or target field is missing or empty
     */
    public String substitute(String template, AlertEvent alert, String field, UnaryOperator<String> escape) {
        Matcher matcher = TemplateSyntax.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String scope = matcher.group(1);
            String key = matcher.group(2);
            String value = switch (scope) {
                case "labels" -> alert.labels().get(key);
                case "annotations" -> alert.annotations().get(key);
                default -> alert.target().field(key);
            };
            if (value == null || value.isEmpty()) {
                throw new TemplateException("invalid-target", field, field + " refers to " + scope + "." + key
                        + ", which the alert does not have");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The value cut to 80 characters with control characters shown escaped, safe for a log line. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 80; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        if (value.length() > 80) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }
}
