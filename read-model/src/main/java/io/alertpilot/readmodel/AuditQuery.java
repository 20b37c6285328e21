package io.alertpilot.readmodel;

import java.time.Instant;

/**
 * A search of the audit, newest first; every null field matches all.
 *
 * @param kind one of {@link AuditEntry#kind()}'s values
 * @param text matched case-insensitively against subject, by, summary and facts
 * @param limit how many items to answer, 1 to 10000
 */
public record AuditQuery(String kind, String by, String text, Instant from, Instant to, int limit) {
}
