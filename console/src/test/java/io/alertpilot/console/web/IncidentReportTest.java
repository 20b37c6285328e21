package io.alertpilot.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.readmodel.IncidentView;
import io.alertpilot.readmodel.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentReportTest {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    static IncidentView incident(Map<String, String> labels) {
        Target target = new Target("prod", "shop", "Deployment", "checkout", null, null, null, null, null);
        return new IncidentView("fp-1", "fp-1", IncidentState.RESOLVED, "PodCrashLooping", Severity.CRITICAL,
                "checkout *crash* loops", null, labels, target, "default", 1, 0, T0, T0.plusSeconds(3600),
                T0.plusSeconds(125), "rita", T0.plusSeconds(3725), "rita", null, null, null, null, null, T0,
                "alertmanager", "dk", List.of("pagerduty:primary"), 3);
    }

    @Test
    void escapesMarkdownAndHtmlInEveryValueFromTheAlert() {
        assertThat(IncidentReport.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(IncidentReport.escape("a|b *c* [x](javascript:y)\nnext"))
                .isEqualTo("a\\|b \\*c\\* \\[x\\](javascript:y) next");
        assertThat(IncidentReport.escape("Tom & Jerry")).isEqualTo("Tom &amp; Jerry");
        assertThat(IncidentReport.escape("checkout-api (9 restarts).")).isEqualTo("checkout-api (9 restarts).");
        assertThat(IncidentReport.escape("![x](http://evil/)")).isEqualTo("!\\[x\\](http://evil/)");
    }

    @Test
    void writesTheDraftWithImpactTimelineRespondersAndResponseTimes() {
        String md = IncidentReport.markdown(incident(Map.of("evil", "<img src=x onerror=alert(1)>")),
                List.of(new TimelineEntry(T0, TimelineEntry.Kind.ALERT, "firing", "alertmanager", Map.of()),
                        new TimelineEntry(T0.plusSeconds(60), TimelineEntry.Kind.PAGE, "paged pagerduty: primary",
                                "alertpilot", Map.of("recipient", "primary")),
                        new TimelineEntry(T0.plusSeconds(125), TimelineEntry.Kind.ACKNOWLEDGEMENT, "acknowledged",
                                "rita", Map.of())),
                List.of(), T0.plusSeconds(4000));
        assertThat(md).startsWith("# Incident PodCrashLooping (fp-1)\n")
                .contains("checkout \\*crash\\* loops", "- Target: prod/shop/Deployment/checkout",
                        "- Severity: CRITICAL", "- Duration: 1h 2m 5s", "  - evil: &lt;img src=x onerror=alert(1)&gt;",
                        "- Started: 2026-11-30 08:00:00 UTC",
                        "| 2026-11-30 08:01:00 UTC | PAGE: paged pagerduty: primary | alertpilot | recipient: primary |",
                        "## Actions taken\n\nNone.", "- acknowledged: rita", "- paged: primary",
                        "- Time to acknowledge: 2m 5s (by rita)", "- Time to resolve: 1h 2m 5s (by rita)")
                .doesNotContain("<img");
    }
}
