package io.alertpilot.console.web;

import io.alertpilot.readmodel.IncidentView;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.readmodel.TimelineEntry;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The post-incident report draft of one incident, in Markdown: title, summary, impact (target, severity, labels,
 * started, duration), the timeline as a table, the actions taken with their outcome, who responded (acknowledged,
 * approved, was paged), time to acknowledge and time to resolve. Every value from an alert is escaped, so a label
 * cannot inject Markdown or HTML into whatever renders the draft. Pure.
 */
final class IncidentReport {

    /**
     * What Markdown reads as markup inside a line: emphasis, code, links and images (without {@code [} no link or
     * image can start, so parentheses and {@code !} stay as they are), headings, table cells and strike-through.
     * Values never span lines, so list markers ({@code -}, {@code +}, {@code 1.}) need no escape to stay text.
     */
    private static final String MARKDOWN_SPECIAL = "\\`*_{}[]#|~";

    private IncidentReport() {
    }

    static String markdown(IncidentView incident, List<TimelineEntry> timeline, List<RemediationView> remediations,
            Instant now) {
        StringBuilder md = new StringBuilder();
        md.append("# Incident ").append(escape(incident.alertName())).append(" (").append(escape(incident.id()))
                .append(")\n\n");
        md.append("## Summary\n\n").append(escape(orNone(incident.summary()))).append("\n\n");
        if (incident.description() != null && !incident.description().isBlank()) {
            md.append(escape(incident.description())).append("\n\n");
        }
        md.append("State: ").append(incident.state()).append("\n\n");

        md.append("## Impact\n\n");
        md.append("- Target: ").append(escape(incident.target() == null ? "none" : incident.target().key()))
                .append('\n');
        md.append("- Severity: ").append(incident.severity()).append('\n');
        Instant started = incident.startsAt() != null ? incident.startsAt() : incident.createdAt();
        md.append("- Started: ").append(Times.at(started)).append('\n');
        Instant ended = incident.resolvedAt() != null ? incident.resolvedAt() : now;
        md.append("- Duration: ").append(Times.between(started, ended))
                .append(incident.resolvedAt() == null ? " (still open)" : "").append('\n');
        md.append("- Labels:");
        Map<String, String> labels = incident.labels() == null ? Map.of() : incident.labels();
        if (labels.isEmpty()) {
            md.append(" none");
        }
        md.append('\n');
        labels.forEach((name, value) -> md.append("  - ").append(escape(name)).append(": ").append(escape(value))
                .append('\n'));
        md.append('\n');

        md.append("## Timeline\n\n| When | What | Who | Details |\n| --- | --- | --- | --- |\n");
        for (TimelineEntry entry : timeline) {
            md.append("| ").append(Times.at(entry.at())).append(" | ").append(entry.kind()).append(": ")
                    .append(escape(entry.title())).append(" | ").append(escape(entry.by())).append(" | ")
                    .append(escape(facts(entry.facts()))).append(" |\n");
        }
        md.append('\n');

        md.append("## Actions taken\n\n");
        if (remediations.isEmpty()) {
            md.append("None.\n");
        }
        for (RemediationView r : remediations) {
            md.append("- ").append(escape(r.action())).append(" on ").append(escape(r.targetKey())).append(" (playbook ")
                    .append(escape(r.playbook())).append("): ").append(r.phase())
                    .append(r.dryRun() ? ", dry run" : "")
                    .append(r.reason() == null ? "" : ", " + escape(r.reason()))
                    .append(r.by() == null ? "" : ", by " + escape(r.by())).append('\n');
        }
        md.append('\n');

        md.append("## Who responded\n\n");
        Set<String> people = new LinkedHashSet<>();
        for (TimelineEntry entry : timeline) {
            switch (entry.kind()) {
                case ACKNOWLEDGEMENT -> people.add("acknowledged: " + entry.by());
                case APPROVAL -> people.add("approval: " + entry.by());
                case RESOLUTION -> people.add("resolved: " + entry.by());
                case PAGE -> people.add("paged: " + entry.facts().getOrDefault("recipient", entry.title()));
                default -> {
                    // not a person's response
                }
            }
        }
        incident.paged().forEach(paged -> people.add("paged: " + paged));
        if (people.isEmpty()) {
            md.append("Nobody yet.\n");
        }
        people.forEach(person -> md.append("- ").append(escape(person)).append('\n'));
        md.append('\n');

        md.append("## Response times\n\n");
        md.append("- Time to acknowledge: ").append(incident.acknowledgedAt() == null ? "not acknowledged"
                : Times.between(incident.createdAt(), incident.acknowledgedAt())
                        + " (by " + escape(orNone(incident.acknowledgedBy())) + ")").append('\n');
        md.append("- Time to resolve: ").append(incident.resolvedAt() == null ? "not resolved"
                : Times.between(incident.createdAt(), incident.resolvedAt())
                        + " (by " + escape(orNone(incident.resolvedBy())) + ")").append('\n');
        return md.toString();
    }

    /**
     * {@code text} with every Markdown-special character backslash-escaped, {@code <}, {@code >} and {@code &} as
     * HTML entities, and line breaks as spaces (one table cell, one list item).
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                default -> {
                    if (MARKDOWN_SPECIAL.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private static String facts(Map<String, String> facts) {
        return facts == null ? "" : facts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? "none" : text;
    }
}
