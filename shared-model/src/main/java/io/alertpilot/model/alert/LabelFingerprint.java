package io.alertpilot.model.alert;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus' label-set fingerprint: FNV-1a 64 over the label names sorted ascending (by UTF-8 bytes, as Go sorts
 * strings), each as name, {@code 0xFF}, value, {@code 0xFF}; printed as 16 lower-case hex digits. Alertmanager sends
 * this value as {@code fingerprint}, so computing it for alerts that lack one keeps FIRING and RESOLVED of one alert
 * on one key.
 */
public final class LabelFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xFF;
    /** Go's string order: by UTF-8 bytes, which is code point order (String's natural order is UTF-16 units). */
    private static final Comparator<String> GO_ORDER = LabelFingerprint::compareCodePoints;

    private LabelFingerprint() {
    }

    /** The fingerprint of {@code labels}. */
    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : sorted(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
            hash = add(hash, String.valueOf(label.getValue()).getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
        }
        return String.format("%016x", hash);
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        Map<String, String> sorted = new TreeMap<>(GO_ORDER);
        sorted.putAll(labels);
        return sorted;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static long add(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = add(hash, b);
        }
        return hash;
    }

    private static long add(long hash, byte b) {
        return (hash ^ (b & 0xFF)) * PRIME;
    }
}
