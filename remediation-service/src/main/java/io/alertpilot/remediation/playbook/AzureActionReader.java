package io.alertpilot.remediation.playbook;

import io.alertpilot.remediation.playbook.PlaybookYaml.ActionParams;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks of the Azure actions' parameters and of a failover's {@code promote}, for {@link ActionReader}. */
final class AzureActionReader {

    /** Node pool, database and container names: letters, digits, '-', '_' and '.' (literal, never templates). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][-\\w.]{0,254}");

    private AzureActionReader() {
    }

    /** Checks the literal name parameter {@code key}; required when {@code what} is given. */
    static void name(String value, String key, String what, ItemCheck check, String path, Map<String, String> params) {
        if (value == null) {
            if (what != null) {
                check.report(path + "." + key, "is required: " + what);
            }
        } else if (!NAME.matcher(value).matches()) {
            check.report(path + "." + key, "'" + value + "' must be a literal name of letters, digits, '-', '_' and '.'");
        } else {
            params.put(key, value);
        }
    }

    /**
     * Cosmos DB throughput needs explicit RU/s bounds: Azure's floor for manual throughput is 400, and it takes
     * manual throughput in steps of 100 RU/s only, so {@code to} and {@code by} must be multiples of 100.
     */
    static void throughputBounds(ActionParams raw, ItemCheck check, String path) {
        if (raw.min() == null) {
            check.report(path + ".min", "is required: the fewest RU/s the throughput may be set to (400 at least)");
        } else if (raw.min() < 400) {
            check.report(path + ".min", "must be at least 400 RU/s (Azure's floor for manual throughput)");
        }
        if (raw.to() != null && raw.to() % 100 != 0) {
            check.report(path + ".to", "must be a multiple of 100 RU/s (Azure sets manual throughput in steps of 100)");
        }
        if (raw.by() != null && raw.by() % 100 != 0) {
            check.report(path + ".by", "must be a multiple of 100 RU/s (Azure sets manual throughput in steps of 100)");
        }
    }

    /** {@code promote: {postgresReplica: <resource id>}} or {@code promote: {webhook: <url>}}, both literal. */
    static void promote(Map<String, String> promote, ItemCheck check, String path, Map<String, String> params) {
        if (promote == null) {
            return;
        }
        String field = path + ".promote";
        if (promote.size() != 1 || !Set.of("postgresReplica", "webhook").containsAll(promote.keySet())) {
            check.report(field, "must be {postgresReplica: <resource id>} or {webhook: <url>}");
            return;
        }
        String replica = promote.get("postgresReplica");
        String webhook = promote.get("webhook");
        if (replica != null) {
            String refused = postgresServer(replica);
            if (refused != null) {
                check.report(field + ".postgresReplica", refused + ": it must be the literal resource id of a "
                        + "PostgreSQL flexible server, /subscriptions/<s>/resourceGroups/<g>/providers/"
                        + "Microsoft.DBforPostgreSQL/flexibleServers/<name>");
            } else {
                params.put("promote.postgresReplica", replica);
            }
        } else if (webhook == null || webhook.contains("{{") || !absoluteHttp(webhook)) {
            check.report(field + ".webhook", "must be a literal absolute http or https URL");
        } else {
            params.put("promote.webhook", webhook);
        }
    }

    /** Why {@code id} is no PostgreSQL flexible server's resource id as the run parses it; null when it is one. */
    private static String postgresServer(String id) {
        Matcher parsed = AzureResourceIdSyntax.ID.matcher(id.strip());
        if (!parsed.matches()) {
            return "'" + id + "' is not an Azure resource id";
        }
        String type = parsed.group(3) + "/" + parsed.group(4);
        return type.equalsIgnoreCase("Microsoft.DBforPostgreSQL/flexibleServers") ? null
                : "'" + id + "' is a " + type;
    }

    private static boolean absoluteHttp(String url) {
        try {
            URI uri = URI.create(url);
            return Set.of("http", "https").contains(String.valueOf(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
