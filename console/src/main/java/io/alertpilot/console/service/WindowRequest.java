package io.alertpilot.console.service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A maintenance window as the windows form describes it, turned into the JSON body remediation's
 * {@code POST /api/v1/maintenance-windows} (and its preview) reads. Matchers are one per line, in Alertmanager's
 * notation: {@code label="value"}, {@code label!="value"}, {@code label=~"regex"}, {@code label!~"regex"}. Remediation
 * validates the rest (regexes, times in the past) and names the field it refuses.
 *
 * @param matchers the matchers, each as remediation's {@code {name, value, isRegex, isEqual}}
 * @param startsAt null: now
 * @param endsAt null: no end
 * @param automation true: actions go on during the window
 * @param paging true: pages go out during the window
 * @param reason why; null when not given
 */
public record WindowRequest(List<Map<String, Object>> matchers, Instant startsAt, Instant endsAt, boolean automation,
        boolean paging, String reason) {

    private static final Pattern MATCHER = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(=~|!~|!=|=)\\s*"
            + "\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    public WindowRequest {
        matchers = List.copyOf(matchers);
    }

    /**
     * The request the form fields describe.
     *
     * @throws InvalidWindowFormException naming the field ({@code matchers} with the line, {@code startsAt},
     *     {@code endsAt}) that cannot be read
     */
    public static WindowRequest of(String matcherLines, String startsAt, String endsAt, boolean automation,
            boolean paging, String reason) {
        List<Map<String, Object>> matchers = new ArrayList<>();
        String[] lines = matcherLines == null ? new String[0] : matcherLines.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = MATCHER.matcher(lines[i]);
            if (!m.matches()) {
                throw new InvalidWindowFormException("matchers", "line " + (i + 1) + " is not label=\"value\", "
                        + "label!=\"value\", label=~\"regex\" or label!~\"regex\"");
            }
            Map<String, Object> matcher = new LinkedHashMap<>();
            matcher.put("name", m.group(1));
            matcher.put("value", m.group(3).replaceAll("\\\\(.)", "$1"));
            matcher.put("isRegex", m.group(2).endsWith("~"));
            matcher.put("isEqual", m.group(2).startsWith("="));
            matchers.add(matcher);
        }
        return new WindowRequest(matchers, instant("startsAt", startsAt), instant("endsAt", endsAt), automation,
                paging, reason == null || reason.isBlank() ? null : reason.trim());
    }

    /** The JSON body for remediation: only the fields given. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", matchers);
        if (startsAt != null) {
            body.put("startsAt", startsAt.toString());
        }
        if (endsAt != null) {
            body.put("endsAt", endsAt.toString());
        }
        body.put("automation", automation);
        body.put("paging", paging);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidWindowFormException(field, "'" + value.trim() + "' is not an ISO-8601 instant such as "
                    + "2026-11-30T22:00:00Z");
        }
    }
}
