package io.alertpilot.model.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus' label-set fingerprint: FNV-1a 64 over the label names sorted ascending, each as name, {@code 0xFF},
 * value, {@code 0xFF}; printed as 16 lower-case hex digits. Alertmanager sends this value as {@code fingerprint}, so
 * computing it for alerts that lack one keeps FIRING and RESOLVED of one alert on one key.
 */
public final class LabelFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xFF;

    private LabelFingerprint() {
    }

    /** The fingerprint of {@code labels}. */
    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
            hash = add(hash, String.valueOf(label.getValue()).getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
        }
        return String.format("%016x", hash);
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
