package io.alertpilot.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.kafka.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

class JsonBodyReaderTest {

    private static final ObjectReader WHOLE_READ = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int FIVE_MB = 5 * 1024 * 1024;

    private final JsonBodyReader reader = new JsonBodyReader();
    private final AlertFormats formats = new AlertFormats(new FormatSettings(SeverityMapping.defaults(), 1000));
    private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());

    static Stream<byte[]> bodies() {
        return Stream.of(
                "{\"a\":1} {\"b\":2}", "[1] x", "{} ]", "{}  ,", "[1]\n2", "\"a\" \"b\"", "null null",
                "{\"a\":\"\\q\"}", "{\"a\":1", "{\"a\":01}", "[1,]", "{\"a\" 1}", "\"abc", "{\"a\":\"x\u0001y\"}",
                "{\"a\":tru}", "{\"a\":NaN}", "[" + "1".repeat(2000) + "]", "[".repeat(3000) + "]".repeat(3000),
                "{\"a\":1,}", "  ", "", "{\"a\":[1,2,{\"b\":null}]}", "123", "{\"a\":1}   ")
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void refusesExactlyWhatAWholeReadRefusesWithItsMessage(byte[] body) {
        String expected = wholeReadProblem(body);

        RefusedRequestException refused = catchThrowableOfType(RefusedRequestException.class,
                () -> reader.requireOneJsonValue(body(body)));

        if (expected == null) {
            assertThat(refused).isNull();
        } else {
            assertThat(refused).isNotNull();
            assertThat(refused.reason()).isEqualTo("invalid-json");
            assertThat(refused.getMessage()).isEqualTo(expected);
        }
    }

    @Test
    void invalidUtf8InAStringIsRefusedAsByAWholeRead() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        RefusedRequestException refused = catchThrowableOfType(RefusedRequestException.class,
                () -> reader.requireOneJsonValue(body(body)));

        assertThat(refused.getMessage()).isEqualTo(wholeReadProblem(body));
    }

    @Test
    void aSyntaxErrorAtTheEndOfAFiveMegabyteBodyOutranksAWrongFieldAtItsStart() {
        byte[] body = alertmanagerBody("3", "x".repeat(FIVE_MB), "]");

        RefusedRequestException refused = normalize(body);

        assertThat(refused.reason()).isEqualTo("invalid-json");
        assertThat(refused.field()).isNull();
        assertThat(refused.getMessage()).isEqualTo(wholeReadProblem(body)).contains("Unexpected close marker ']'");
    }

    @Test
    void aWrongFieldInAFiveMegabyteBodyOfValidJsonIsAnsweredAsTheField() {
        byte[] body = alertmanagerBody("3", "x".repeat(FIVE_MB), "}");

        RefusedRequestException refused = normalize(body);

        assertThat(refused.reason()).isEqualTo("invalid-field");
        assertThat(refused.field()).isEqualTo("version");
        assertThatNoException().isThrownBy(() -> WHOLE_READ.readTree(body));
    }

    @Test
    void contentAfterAFiveMegabyteValueIsRefusedAsTrailing() {
        byte[] body = alertmanagerBody("4", "x".repeat(FIVE_MB), "} {}");

        RefusedRequestException refused = normalize(body);

        assertThat(refused.reason()).isEqualTo("invalid-json");
        assertThat(refused.getMessage()).isEqualTo(wholeReadProblem(body)).contains("Trailing token");
    }

    /** Prints what the check allocates on a 5 MB body of many small values, against what a tree of it allocates. */
    @Test
    void theCheckAllocatesLittleWhereATreeCostsManyTimesTheBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"version\":\"3\",\"alerts\":[".getBytes(StandardCharsets.UTF_8));
        while (out.size() < FIVE_MB) {
            out.writeBytes("{\"labels\":{\"a\":\"b\",\"n\":1}},".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("{}]} ]".getBytes(StandardCharsets.UTF_8));
        byte[] body = out.toByteArray();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        RefusedRequestException refused = catchThrowableOfType(RefusedRequestException.class,
                () -> reader.requireOneJsonValue(body(body)));
        long checked = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        String expected = wholeReadProblem(body);
        long tree = threads.getCurrentThreadAllocatedBytes() - before;

        System.out.printf("A refused %d-byte body: the check allocated %d bytes, a tree of it %d%n",
                body.length, checked, tree);
        assertThat(refused.getMessage()).isEqualTo(expected);
    }

    private RefusedRequestException normalize(byte[] body) {
        return catchThrowableOfType(RefusedRequestException.class, () -> reader.normalize(
                formats.normalizer(AlertSource.ALERTMANAGER), body(body), Instant.now(), metrics));
    }

    private static byte[] alertmanagerBody(String version, String padding, String end) {
        return ("{\"version\":\"" + version + "\",\"receiver\":\"r\",\"status\":\"firing\",\"alerts\":[],"
                + "\"padding\":\"" + padding + "\"" + end).getBytes(StandardCharsets.UTF_8);
    }

    private static RequestBody body(byte[] bytes) {
        return new RequestBody(bytes, bytes.length, false);
    }

    /** The problem the controller answered when it read a refused body as a tree, or null when a tree reads it. */
    private static String wholeReadProblem(byte[] body) {
        try {
            WHOLE_READ.readTree(body);
            return null;
        } catch (JacksonException e) {
            return "The body is not valid JSON: " + e.getOriginalMessage();
        }
    }
}
