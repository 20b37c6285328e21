package io.alertpilot.remediation.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template language, which is plain substitution: {@code {{ labels.NAME }}}, {@code {{ annotations.NAME }}} and
 * {@code {{ target.FIELD }}}. No expressions, no functions, no defaults.
 */
public final class TemplateSyntax {

    /** A placeholder; group 1 is the scope, group 2 the key. */
    public static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*(labels|annotations|target)\\.([A-Za-z0-9_][A-Za-z0-9_.\\-/]*)\\s*}}");

    /** The fields of an alert's target that templates may use. */
    public static final Set<String> TARGET_FIELDS =
            Set.of("cluster", "namespace", "kind", "name", "pod", "container", "node", "service",
                    "azureResourceId");

    private TemplateSyntax() {
    }

    /**
     * The problems of {@code text} as a template, empty when it is fine: an unknown scope or target field, or
     * braces that are not a placeholder.
     */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group(1).equals("target") && !TARGET_FIELDS.contains(matcher.group(2))) {
                problems.add("'" + matcher.group() + "' is not a target field; known are "
                        + String.join(", ", TARGET_FIELDS.stream().sorted().toList()));
            }
            matcher.appendReplacement(rest, "");
        }
        matcher.appendTail(rest);
        if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
            problems.add("'" + text + "' holds '{{' or '}}' outside a placeholder; templates are plain substitution of "
                    + "{{ labels.NAME }}, {{ annotations.NAME }} or {{ target.FIELD }}");
        }
        return problems;
    }

    /** True when {@code text} holds at least one placeholder. */
    public static boolean isTemplate(String text) {
        return text != null && PLACEHOLDER.matcher(text).find();
    }
}
