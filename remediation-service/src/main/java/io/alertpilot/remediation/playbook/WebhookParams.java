package io.alertpilot.remediation.playbook;

import io.alertpilot.remediation.playbook.PlaybookYaml.ActionParams;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a webhook's {@code body}, {@code headers} and {@code tokenFile} as written: a JSON body must stay JSON
 * whatever the alert holds (every placeholder inside a string, where its value is escaped), header names are HTTP
 * tokens that AlertPilot does not set itself, their literal parts printable, and the token file a literal absolute
 * path (a secret never sits in a playbook). Stateless and thread safe.
 */
public final class WebhookParams {

    /** Headers the service sets itself, or the HTTP client owns. */
    static final Set<String> RESERVED = Set.of("authorization", "idempotency-key", "x-alertpilot-remediation", "host",
            "content-length", "connection", "expect", "upgrade", "transfer-encoding", "te", "trailer");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookParams() {
    }

    /** Notes every problem in {@code check} and puts what passed into {@code params}. */
    static void check(ActionParams raw, ItemCheck check, String path, Map<String, String> params) {
        Map<String, String> lowerCase = new TreeMap<>();
        if (raw.headers() != null) {
            raw.headers().forEach((name, value) -> header(name, value, check, path, params, lowerCase));
        }
        if (raw.body() != null) {
            String body = check.template(raw.body(), path + ".body");
            if (body != null) {
                if (isJson(lowerCase.get("content-type"))) {
                    jsonBody(body, check, path + ".body");
                }
                params.put("body", body);
            }
        }
        if (raw.tokenFile() != null) {
            tokenFile(raw.tokenFile(), check, path + ".tokenFile", params);
        }
    }

    /**
     * True when a body sent with {@code contentType} (null: the default, application/json) is JSON, so that the
     * values put into it are JSON-escaped.
     */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static void header(String name, String value, ItemCheck check, String path, Map<String, String> params,
            Map<String, String> lowerCase) {
        String field = path + ".headers." + name;
        String lower = name.toLowerCase(Locale.ROOT);
        if (!TOKEN.matcher(name).matches()) {
            check.report(field, "is not a header name (letters, digits and !#$%&'*+.^_`|~-)");
        } else if (RESERVED.contains(lower)) {
            check.report(field, lower.equals("authorization")
                    ? "is set from tokenFile: a token must not be written in a playbook"
                    : "is set by AlertPilot or the HTTP client and cannot be given");
        } else if (lowerCase.containsKey(lower)) {
            check.report(field, "is given twice (header names ignore case)");
        } else if (value == null || value.isEmpty()) {
            check.report(field, "needs a value");
        } else if (!printable(literalParts(value))) {
            check.report(field, "may hold printable ASCII only: no line breaks or control characters");
        } else if (lower.equals("content-type") && TemplateSyntax.isTemplate(value)) {
            check.report(field, "must be literal: it decides how the body's values are escaped");
        } else {
            String checked = check.template(value, field);
            if (checked != null) {
                params.put(ActionSpec.HEADER + name, checked);
                lowerCase.put(lower, checked);
            }
        }
    }

    /** A JSON body must parse with every placeholder replaced by a word: then each one sits inside a string. */
    private static void jsonBody(String body, ItemCheck check, String field) {
        String sample = TemplateSyntax.PLACEHOLDER.matcher(body).replaceAll("x");
        try {
            JSON.readTree(sample);
        } catch (JacksonException e) {
            check.report(field, "is not JSON once its placeholders are filled in (a placeholder belongs inside a "
                    + "string, \"{{ labels.name }}\", where its value is escaped; or set a headers.Content-Type "
                    + "that is not JSON): " + e.getOriginalMessage());
        }
    }

    private static void tokenFile(String file, ItemCheck check, String field, Map<String, String> params) {
        if (TemplateSyntax.isTemplate(file) || file.contains("{{")) {
            check.report(field, "must be literal: a path taken from alert labels could read any file");
            return;
        }
        if (!file.startsWith("/") || file.contains("\0")) {
            check.report(field, "'" + file + "' must be an absolute path (a mounted Secret's file)");
            return;
        }
        params.put("tokenFile", file);
    }

    private static String literalParts(String value) {
        Matcher matcher = TemplateSyntax.PLACEHOLDER.matcher(value);
        return matcher.replaceAll("");
    }

    /** True when {@code value} is printable ASCII only (what a header value may hold). */
    public static boolean printable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
