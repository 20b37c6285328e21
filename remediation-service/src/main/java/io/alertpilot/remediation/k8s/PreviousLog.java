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
        while ((line = reader.readLine()) != null) {
            String cut = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " [cut]" : line;
            String redacted = redaction.redact(cut);
            kept.addLast(redacted);
            bytes += size(redacted);
            while (kept.size() > lines || (bytes > maxBytes && !kept.isEmpty())) {
                bytes -= size(kept.removeFirst());
            }
        }
        return List.copyOf(kept);
    }

    private static int size(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
