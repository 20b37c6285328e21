package io.alertpilot.remediation.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Removes secrets from log lines before they leave the cluster: every match of a pattern is replaced, whole, by
 * {@value #MARK}. The {@link #DEFAULTS} (key=value secrets such as {@code password=...} and {@code token: ...},
 * {@code Bearer ...}, AWS access key ids, JSON Web Tokens, credentials in connection strings and URLs) always apply;
 * configured patterns are added to them. Immutable and thread safe.
 */
public final class Redaction {

    /** What a secret is replaced by. */
    public static final String MARK = "[REDACTED]";

    /** The patterns that always apply. */
    public static final List<String> DEFAULTS = List.of(
            // password=..., "api_key": "...", DB_PASSWORD: ..., client-secret=..., token=...
            "(?i)[\\w.-]*(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)"
                    + "[\\w.-]*[\"']?\\s*[=:]\\s*[\"']?[^\\s\"',;&]+",
            "(?i)\\bbearer\\s+[\\w.~+/=-]+",
            "(?i)\\bbasic\\s+[A-Za-z0-9+/=]{8,}",
            "\\b(AKIA|ASIA)[0-9A-Z]{16}\\b",
            "\\beyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+",
            // user:password@ in postgres://, mongodb+srv://, amqp://, redis://, https:// ...
            "(?i)\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+:[^\\s@/]+@",
            // Azure storage, Service Bus, Cosmos DB connection strings
            "(?i)\\b(AccountKey|SharedAccessKey|SharedAccessSignature|sig)=[^;\\s&]+");

    private final List<Pattern> patterns;

    private Redaction(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * The defaults and {@code extra}.
     *
     * @throws IllegalArgumentException naming the pattern that is not a regular expression
     */
    public static Redaction of(List<String> extra) {
        List<Pattern> compiled = new ArrayList<>();
        for (String pattern : DEFAULTS) {
            compiled.add(Pattern.compile(pattern));
        }
        for (String pattern : extra == null ? List.<String>of() : extra) {
            try {
                compiled.add(Pattern.compile(pattern));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("alertpilot.remediation.diagnose.redact: '" + pattern
                        + "' is not a regular expression: " + e.getDescription(), e);
            }
        }
        return new Redaction(compiled);
    }

    /** {@code line} with every match of every pattern replaced by {@value #MARK}. */
    public String redact(String line) {
        String redacted = line;
        for (Pattern pattern : patterns) {
            redacted = pattern.matcher(redacted).replaceAll(Matcher.quoteReplacement(MARK));
        }
        return redacted;
    }
}
