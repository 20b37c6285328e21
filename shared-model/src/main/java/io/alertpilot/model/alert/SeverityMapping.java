package io.alertpilot.model.alert;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the severity text of a source (a {@code severity} label, Azure's {@code Sev0}..{@code Sev4}) to a {@link Severity}.
 *
 * <p>An exact match wins over a case-insensitive one, so Azure's {@code Sev1} (HIGH) and the Prometheus label value
 * {@code sev1} (CRITICAL) keep their different meanings. Unknown or missing text maps to {@link Severity#INFO}.
 * Immutable and thread safe.
 */
public final class SeverityMapping {

    private static final Map<String, Severity> DEFAULTS = defaultTable();

    private final Map<String, Severity> exact;
    private final Map<String, Severity> folded;

    private SeverityMapping(Map<String, Severity> mapping) {
        this.exact = Map.copyOf(mapping);
        Map<String, Severity> lower = new LinkedHashMap<>();
        // the lower-case form of a key keeps the severity of the first key that folds to it: defaults list the
        // Prometheus spelling (sev1) before the Azure one (Sev1)
        mapping.forEach((key, severity) -> lower.putIfAbsent(key.toLowerCase(Locale.ROOT), severity));
        this.folded = Map.copyOf(lower);
    }

    /** The mapping of the design: critical/page/p0/p1/sev1/Sev0, error/high/major/p2/sev2/Sev1, and so on. */
    public static SeverityMapping defaults() {
        return new SeverityMapping(DEFAULTS);
    }

    /** The default mapping with {@code overrides} added on top (an override replaces a default for the same text). */
    public static SeverityMapping withOverrides(Map<String, Severity> overrides) {
        Map<String, Severity> merged = new LinkedHashMap<>();
        overrides.forEach((key, severity) -> merged.put(Objects.requireNonNull(key), Objects.requireNonNull(severity)));
        DEFAULTS.forEach(merged::putIfAbsent);
        return new SeverityMapping(merged);
    }

    /** The severity for {@code text}; {@link Severity#INFO} when it is null, blank or unknown. */
    public Severity map(String text) {
        if (text == null || text.isBlank()) {
            return Severity.INFO;
        }
        String trimmed = text.trim();
        Severity severity = exact.get(trimmed);
        if (severity == null) {
            severity = folded.get(trimmed.toLowerCase(Locale.ROOT));
        }
        return severity == null ? Severity.INFO : severity;
    }

    private static Map<String, Severity> defaultTable() {
        Map<String, Severity> map = new LinkedHashMap<>();
        for (String s : new String[] {"critical", "page", "p0", "p1", "sev1", "Sev0"}) {
            map.put(s, Severity.CRITICAL);
        }
        for (String s : new String[] {"error", "high", "major", "p2", "sev2", "Sev1"}) {
            map.put(s, Severity.HIGH);
        }
        for (String s : new String[] {"warning", "medium", "minor", "p3", "sev3", "Sev2"}) {
            map.put(s, Severity.WARNING);
        }
        for (String s : new String[] {"info", "low", "none", "p4", "sev4", "Sev3", "Sev4"}) {
            map.put(s, Severity.INFO);
        }
        return map;
    }
}
