package io.alertpilot.cli.replay;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a {@link ReplayReport} for a terminal: one section per question, aligned columns. Stateless. */
final class TextReport {

    private TextReport() {
    }

    static void write(ReplayReport report, PrintWriter out) {
        out.printf("Replayed %d alerts recorded from %s to %s%s%n", report.alerts(), report.from(), report.to(),
                report.unreadableAlerts() == 0 ? ""
                        : " (" + report.unreadableAlerts() + " unreadable records left out)");
        out.println();
        out.println("Would have run (decisions by playbook, action and phase):");
        if (report.decisions().isEmpty()) {
            out.println("  nothing");
        }
        report.decisions().forEach(count -> out.printf("  %-36s %-16s %-16s %6d%n", count.playbook(), count.action(),
                count.phase(), count.count()));
        out.println();
        out.println("Stopped by the guards (SKIPPED by reason):");
        if (report.guardStops().isEmpty()) {
            out.println("  nothing");
        }
        report.guardStops().forEach(stop -> out.printf("  %-36s %6d%n", stop.reason(), stop.count()));
        out.println();
        out.printf("Pages that would have gone: %d%n", report.pagesTotal());
        report.pages().forEach(page -> out.printf("  %-36s %-16s %6d%n", page.to(), page.kind(), page.count()));
        out.println();
        Comparison comparison = report.comparison();
        out.printf("Compared with what did happen (%d recorded remediation events): %d alerts agree, %d differ%n",
                comparison.recordedEvents(), comparison.agree(), comparison.differ());
        for (Comparison.Difference difference : comparison.differences()) {
            out.printf("  %s %s (alert event %s)%n    did:    %s%n    replay: %s%n", difference.at(),
                    difference.alertName(), difference.alertEventId(), outcomes(difference.recorded()),
                    outcomes(difference.replayed()));
        }
        if (comparison.differencesLeftOut() > 0) {
            out.printf("  ... and %d more (--list to show more)%n", comparison.differencesLeftOut());
        }
        out.flush();
    }

    private static String outcomes(List<Outcome> outcomes) {
        return outcomes.isEmpty() ? "nothing"
                : outcomes.stream().map(Outcome::toString).collect(Collectors.joining("; "));
    }
}
