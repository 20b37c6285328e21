package io.alertpilot.model.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of every event on Kafka: ISO-8601 instants, nulls left out, unknown properties ignored so that an
 * older reader accepts a newer writer. Thread safe.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as UTF-8 JSON bytes. */
    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** {@code value} as a JSON string. */
    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Reads a {@code type} from UTF-8 JSON bytes.
     *
     * @throws EventFormatException when the bytes are not a valid {@code type}
     */
    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new EventFormatException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
