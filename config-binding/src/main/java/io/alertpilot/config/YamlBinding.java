package io.alertpilot.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one YAML binding of AlertPilot's configuration files: a file is a map with one key holding a list of items
 * ({@code playbooks:}, {@code policies:}), and every item binds with Jackson into a record of type {@code T}.
 *
 * <p>Contract: unknown keys are refused (at the top and in every record), duplicate keys are refused, a single value
 * is accepted where a list is expected, and {@link Duration} fields read {@link Durations}' grammar. Every item is
 * bound on its own, so one file reports a problem for each bad item, not only the first; each problem names the
 * source, the item (by name, else by index), the field path inside the item and, where Jackson gives it, the line.
 * An exception a record's constructor throws ({@link IllegalArgumentException}) becomes the problem's message. It
 * binds text and reads no files. Stateless and thread safe.
 */
public final class YamlBinding {

    private final YAMLMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("alertpilot-durations").addDeserializer(Duration.class, new DurationReader()))
            .addHandler(new UnknownKeys())
            .build();

    /**
     * Binds the items of {@code text}'s list under {@code listKey}. An empty document or one without the key has no
     * items and no problem.
     *
     * @param source the file's name for messages
     */
    public <T> BoundFile<T> bindList(String source, String text, String listKey, Class<T> type) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<BoundItem<T>> items = new ArrayList<>();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(source, null, -1, null, line(e), "not valid YAML: " + describe(e)));
            return new BoundFile<>(source, items, problems);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new BoundFile<>(source, items, problems);
        }
        if (!root.isObject()) {
            problems.add(new ConfigProblem(source, null, -1, null, 1, "must be a map with the key '" + listKey + "'"));
            return new BoundFile<>(source, items, problems);
        }
        for (String key : root.propertyNames()) {
            if (!key.equals(listKey)) {
                problems.add(new ConfigProblem(source, null, -1, key, 0, "is not known; known is " + listKey));
            }
        }
        JsonNode list = root.get(listKey);
        if (list == null || list.isNull()) {
            return new BoundFile<>(source, items, problems);
        }
        if (!list.isArray()) {
            problems.add(new ConfigProblem(source, null, -1, listKey, 0, "must be a list"));
            return new BoundFile<>(source, items, problems);
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode nameNode = list.get(i).get("name");
            String name = nameNode != null && nameNode.isString() && !nameNode.asString().isBlank()
                    ? nameNode.asString() : null;
            bindItem(source, text, listKey, type, i, name, items, problems);
        }
        return new BoundFile<>(source, items, problems);
    }

    /**
     * Binds the whole of {@code text} into one record of type {@code type}, for a file that is one map rather than a
     * list of items (a playbook test file). The first problem stops the binding: it names the field path (such as
     * {@code tests[2].alerts[0].severity}) and the line. An empty document binds to nothing and no problem.
     *
     * @param source the file's name for messages
     */
    public <T> BoundFile<T> bindDocument(String source, String text, Class<T> type) {
        try {
            T value = mapper.readValue(text, type);
            return new BoundFile<>(source, value == null ? List.of() : List.of(new BoundItem<>(0, null, 1, value)),
                    List.of());
        } catch (RuntimeException e) {
            int at = line(e);
            if (e instanceof UnrecognizedPropertyException unknown && at == 0) {
                at = keyLine(text, 1, unknown.getPropertyName());
            }
            return new BoundFile<>(source, List.of(), List.of(new ConfigProblem(source, null, -1, path(e), at,
                    describe(e))));
        }
    }

    private <T> void bindItem(String source, String text, String listKey, Class<T> type, int index, String name,
            List<BoundItem<T>> items, List<ConfigProblem> problems) {
        int line = 0;
        try (JsonParser parser = mapper.createParser(text)) {
            moveToItem(parser, listKey, index);
            line = parser.currentTokenLocation().getLineNr();
            items.add(new BoundItem<>(index, name, line, mapper.readValue(parser, type)));
        } catch (RuntimeException e) {
            int at = e instanceof UnrecognizedPropertyException unknown
                    ? keyLine(text, line, unknown.getPropertyName()) : line(e);
            problems.add(new ConfigProblem(source, name, index, path(e), at > 0 ? at : line, describe(e)));
        }
    }

    private static void moveToItem(JsonParser parser, String listKey, int index) {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (key.equals(listKey)) {
                for (int i = 0; i < index; i++) {
                    parser.nextToken();
                    parser.skipChildren();
                }
                parser.nextToken();
                return;
            }
            parser.skipChildren();
        }
        throw new IllegalStateException("no item " + index + " under " + listKey);
    }

    private static String path(RuntimeException e) {
        if (!(e instanceof JacksonException jackson)) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /**
     * The line of the first {@code key:} at or after {@code from}: Jackson buffers a record's keys and so loses the
     * line of an unknown one.
     */
    private static int keyLine(String text, int from, String key) {
        Pattern pattern = Pattern.compile("(^|[\\s{,])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return from;
    }

    private static int line(RuntimeException e) {
        if (!(e instanceof JacksonException jackson)) {
            return 0;
        }
        TokenStreamLocation location = jackson.getLocation();
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static String describe(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            return known == null || known.isEmpty() ? "is not known: this takes no keys"
                    : "is not known; known are " + String.join(", ", known.stream().map(String::valueOf).sorted().toList());
        }
        if (e instanceof InvalidFormatException format) {
            return "must be " + expected(format.getTargetType()) + ", not '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s+", " ").trim();
    }

    private static String expected(Class<?> type) {
        if (type == Duration.class) {
            return "a duration such as 30s, 5m, 1h30m or PT5M";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (text)";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).toList());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a map (key: value)";
        }
        return "a " + type.getSimpleName();
    }

    /** Refuses an unknown key while the parser still stands at it, so that the problem has the key's line. */
    private static final class UnknownKeys extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            UnrecognizedPropertyException unknown = new UnrecognizedPropertyException(parser,
                    "unknown key '" + propertyName + "'", parser.currentTokenLocation(), type, propertyName,
                    deserializer == null ? null : deserializer.getKnownPropertyNames());
            unknown.prependPath(beanOrClass, propertyName);
            throw unknown;
        }
    }

    /** Reads a scalar with {@link Durations}; a bare number is seconds. */
    private static final class DurationReader extends ValueDeserializer<Duration> {

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == null || !parser.currentToken().isScalarValue()) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            return Durations.parse(parser.getString());
        }
    }
}
