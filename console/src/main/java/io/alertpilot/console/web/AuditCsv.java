package io.alertpilot.console.web;

import io.alertpilot.readmodel.AuditEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit as CSV (RFC 4180): a header row, then one row per entry ({@code at, kind, subject, by, summary, facts}),
 * every cell quoted, lines ended by CRLF. A cell that a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is prefixed with {@code '} so that it is shown as text.
 * When the export holds fewer entries than matched, its last row says how many were left out. Pure.
 */
final class AuditCsv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private AuditCsv() {
    }

    static String of(List<AuditEntry> entries) {
        return of(entries, entries.size());
    }

    /** The CSV of {@code entries}, the first of {@code total} that matched; a last row names those left out. */
    static String of(List<AuditEntry> entries, long total) {
        StringBuilder csv = new StringBuilder();
        row(csv, List.of("at", "kind", "subject", "by", "summary", "facts"));
        for (AuditEntry e : entries) {
            row(csv, List.of(e.at() == null ? "" : e.at().toString(), orEmpty(e.kind()), orEmpty(e.subject()),
                    orEmpty(e.by()), orEmpty(e.summary()), facts(e.facts())));
        }
        if (total > entries.size()) {
            row(csv, List.of("truncated", "", "", "", (total - entries.size()) + " more of " + total
                    + " matching entries not exported (at most " + entries.size() + "); narrow the search", ""));
        }
        return csv.toString();
    }

    /** {@code value} as one quoted CSV cell, neutralised when a spreadsheet would read it as a formula. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static void row(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(AuditCsv::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String facts(Map<String, String> facts) {
        return facts == null ? "" : facts.entrySet().stream().map(f -> f.getKey() + "=" + f.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
