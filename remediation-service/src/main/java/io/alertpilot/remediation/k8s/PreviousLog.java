package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.diagnose.Redaction;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines of a container's previous log ({@code kubectl logs --previous --tail=N}), bounded in lines and
 * bytes (the newest lines are kept, a long line is cut), each line redacted before it is kept. Thread safe.
 */
final class PreviousLog {

    /** The longest line kept, in characters; the rest of it is cut. */
    static final int MAX_LINE = 1000;

    private final int maxBytes;
    private final Redaction redaction;

    PreviousLog(int maxBytes, Redaction redaction) {
        this.maxBytes = maxBytes;
        this.redaction = redaction;
    }

    /** At most {@code lines} lines of the previous log of {@code pod}'s {@code container}, newest last. */
    List<String> tail(KubernetesClient client, String namespace, String pod, String container, int lines) {
        try (Reader reader = client.pods().inNamespace(namespace).withName(pod).inContainer(container).terminated()
                .tailingLines(lines).getLogReader()) {
            return keep(new BufferedReader(reader), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of {@code reader} within the byte bound, redacted. */
    List<String> keep(BufferedReader reader, int lines) throws IOException {
        Deque<String> kept = new ArrayDeque<>();
        int bytes = 0;
        String line;
        while ((line = boundedLine(reader)) != null) {
            String redacted = redaction.redact(line);
            kept.addLast(redacted);
            bytes += size(redacted);
            while (kept.size() > lines || (bytes > maxBytes && !kept.isEmpty())) {
                bytes -= size(kept.removeFirst());
            }
        }
        return List.copyOf(kept);
    }

    /**
     * The next line of {@code reader}, at most {@link #MAX_LINE} characters of it (the rest is read past, not held,
     * and the line ends in {@code [cut]}); null at the end. A multi-megabyte line costs no more memory than a short
     * one.
     */
    static String boundedLine(Reader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (line.length() < MAX_LINE) {
                line.append((char) c);
            } else {
                cut = true;
            }
        }
        if (c == -1 && line.isEmpty() && !cut) {
            return null;
        }
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return cut ? line + " [cut]" : line.toString();
    }

    private static int size(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
