package io.alertpilot.readmodel;

import java.time.Instant;
import java.util.Map;

/**
 * One command or decision, for the audit: approvals and rejections, acknowledgements and resolutions, windows
 * created and ended, and every remediation decision.
 *
 * @param at when it happened
 * @param kind {@code decision}, {@code approval}, {@code acknowledgement}, {@code resolution} or {@code window}
 * @param subject what it was about: a remediation id, an incident id or a window id
 * @param by who did it ({@code alertpilot} for the automation's own decisions)
 * @param summary one line for people
 * @param facts the details, in a stable order
 */
public record AuditEntry(Instant at, String kind, String subject, String by, String summary,
        Map<String, String> facts) {
}
