package io.alertpilot.reliability.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Generates hostile webhook bodies from a seed, so a failure can be reproduced. */
final class HostileBodies {

    private static final String[] WRONG_VALUES = {"null", "true", "1e999999", "-0", "123456789012345678901234567890",
        "[]", "{}", "\"\"", "[[[[[]]]]]", "\"\\u0000\"", "\"\\ud800\"", "1.7976931348623157e309", "{\"a\":null}",
        "\"2026-13-45T99:99:99Z\"", "\"../kube-system\"", "\"%2e%2e%2f\"", "\"a\\nb\""};
    private static final String[] KEYS = {"version", "alerts", "status", "labels", "annotations", "fingerprint",
        "startsAt", "endsAt", "name", "severity", "target", "data", "essentials", "schemaId", "alertContext",
        "commonLabels", "groupKey", "firedDateTime", "alertId", "monitorCondition", "namespace", "kind"};

    private final Random random;
    private final List<String> samples;
    private final int maxAlerts;
    private int n;

    /** Bodies from {@code samples}; now and then one with one alert more than {@code maxAlerts}. */
    HostileBodies(long seed, List<String> samples, int maxAlerts) {
        this.random = new Random(seed);
        this.samples = samples;
        this.maxAlerts = maxAlerts;
    }

    byte[] next() {
        return switch (n++ % 10) {
            case 0 -> randomBytes(random.nextInt(2000));
            case 1 -> nesting(1000 + random.nextInt(50_000));
            case 2 -> hugeNumber();
            case 3 -> wrongType();
            case 4 -> brokenUtf8();
            case 5 -> n % 50 == 5 ? enormousString() : wrongType();
            case 6 -> mutated();
            case 7 -> sample().getBytes(StandardCharsets.UTF_8);
            case 8 -> manyAlerts();
            default -> mutated();
        };
    }

    private String sample() {
        return samples.get(random.nextInt(samples.size()));
    }

    private byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] nesting(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(random.nextInt(3) == 0 ? depth / 2 : depth))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] hugeNumber() {
        String digits = "9".repeat(1 + random.nextInt(200_000));
        String number = switch (random.nextInt(4)) {
            case 0 -> digits;
            case 1 -> "0." + digits + "e-99999999";
            case 2 -> "1e" + digits.substring(0, Math.min(digits.length(), 20));
            default -> "-" + digits + "." + digits;
        };
        String key = KEYS[random.nextInt(KEYS.length)];
        return sample().replaceFirst("\"" + key + "\"\\s*:\\s*(\"[^\"]*\"|\\d+)", "\"" + key + "\": " + number)
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] wrongType() {
        String body = sample();
        for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            String value = WRONG_VALUES[random.nextInt(WRONG_VALUES.length)];
            body = body.replaceFirst("\"" + key + "\"\\s*:\\s*(\"[^\"]*\"|\\{[^{}]*}|\\[[^\\[\\]]*]|[-0-9.eE]+|true|false|null)",
                    "\"" + key + "\": " + java.util.regex.Matcher.quoteReplacement(value));
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] brokenUtf8() {
        byte[] body = sample().getBytes(StandardCharsets.UTF_8);
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF4,
            (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}};
        for (int i = 0, count = 1 + random.nextInt(4); i < count; i++) {
            byte[] bad = broken[random.nextInt(broken.length)];
            int at = random.nextInt(body.length - bad.length);
            System.arraycopy(bad, 0, body, at, bad.length);
        }
        return body;
    }

    private byte[] enormousString() {
        String big = "x".repeat(200_000 + random.nextInt(800_000));
        return sample().replaceFirst("\"(summary|description|alertname|namespace|alertRule)\"\\s*:\\s*\"[^\"]*\"",
                "\"$1\": \"" + big + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mutated() {
        byte[] body = sample().getBytes(StandardCharsets.UTF_8);
        for (int i = 0, count = 1 + random.nextInt(8); i < count; i++) {
            int at = random.nextInt(body.length);
            body[at] = switch (random.nextInt(4)) {
                case 0 -> (byte) random.nextInt(256);
                case 1 -> (byte) "{}[]\",:\\0".charAt(random.nextInt(9));
                case 2 -> (byte) ' ';
                default -> body[random.nextInt(body.length)];
            };
        }
        return body;
    }

    private byte[] manyAlerts() {
        StringBuilder body = new StringBuilder("[");
        int count = random.nextInt(20) == 0 ? maxAlerts + 1 : 1 + random.nextInt(50);
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"Hostile").append(i)
                    .append("\",\"status\":\"firing\",\"labels\":{\"namespace\":\"../kube-system\",\"deployment\":\"a/b")
                    .append(i).append("\",\"k\":\"%2e%2e\\n\\r\\u0000\"}}");
        }
        return body.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }
}
