package io.alertpilot.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The keys and values of one item checked against the record it binds into, before Jackson binds it: every unknown
 * key at every level and every value that is no duration (no whole number, no true or false) where one is expected,
 * each with its field path and line. Jackson stops at the first such problem; this walk finds them all, and the
 * binding then skips what it reported. Parts whose shape only a delegating creator knows (other than a map) are left
 * to Jackson. One instance per item; not thread safe.
 */
final class TreeCheck {

    /** What a walk reported, by key name and value text, so that the binding can pass over the same spots. */
    record Reported(Set<String> unknownKeys, Set<String> badValues, List<ConfigProblem> problems) {

        boolean has(String field) {
            return problems.stream().anyMatch(problem -> field != null && field.equals(problem.field()));
        }
    }

    private static final Set<Class<?>> SCALARS = Set.of(String.class, boolean.class, Boolean.class, int.class,
            Integer.class, long.class, Long.class, double.class, Double.class, Duration.class);

    private final String source;
    private final String item;
    private final int index;
    private final Reported reported = new Reported(new HashSet<>(), new HashSet<>(), new ArrayList<>());

    TreeCheck(String source, String item, int index) {
        this.source = source;
        this.item = item;
        this.index = index;
    }

    /** Walks the value the parser stands at (and leaves the parser at its last token). */
    Reported walk(JsonParser parser, Type type) {
        value(parser, type, "");
        return reported;
    }

    private void value(JsonParser parser, Type type, String path) {
        Class<?> raw = raw(type);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Type mapValues = Map.class.isAssignableFrom(raw) ? argument(type, 1) : delegatingMapValues(raw);
            if (mapValues != null) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    value(parser, mapValues, join(path, key));
                }
            } else if (raw.isRecord() && !delegatesObjects(raw)) {
                record(parser, raw, path);
            } else {
                parser.skipChildren();
            }
        } else if (token == JsonToken.START_ARRAY) {
            if (Collection.class.isAssignableFrom(raw)) {
                Type element = argument(type, 0);
                for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                    value(parser, element, path + "[" + i + "]");
                }
            } else {
                parser.skipChildren();
            }
        } else if (token != null && token.isScalarValue() && token != JsonToken.VALUE_NULL) {
            scalar(parser, raw, path);
        }
    }

    private void record(JsonParser parser, Class<?> type, String path) {
        Map<String, Type> known = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
            known.put(name, component.getGenericType());
            // a @Deprecated component is still read (to refuse it with a message of its own), never offered
            if (!component.getAccessor().isAnnotationPresent(Deprecated.class)) {
                listed.add(name);
            }
            JsonAlias aliases = component.getAccessor().getAnnotation(JsonAlias.class);
            for (String alias : aliases == null ? new String[0] : aliases.value()) {
                known.putIfAbsent(alias, component.getGenericType());
            }
        }
        JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
        boolean anyKey = ignore != null && ignore.ignoreUnknown()
                || Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(JsonAnySetter.class))
                || Arrays.stream(type.getDeclaredFields()).anyMatch(f -> f.isAnnotationPresent(JsonAnySetter.class));
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            parser.nextToken();
            Type property = known.get(key);
            if (property != null) {
                value(parser, property, join(path, key));
                continue;
            }
            if (anyKey) {
                parser.skipChildren();
                continue;
            }
            reported.unknownKeys().add(key);
            report(join(path, key), line, known.isEmpty() ? "is not known: this takes no keys"
                    : "is not known; known are " + String.join(", ", listed.stream().sorted().toList()));
            parser.skipChildren();
        }
    }

    private void scalar(JsonParser parser, Class<?> type, String path) {
        String text = parser.getString();
        int line = parser.currentTokenLocation().getLineNr();
        if (type == Duration.class) {
            try {
                Durations.parse(text);
            } catch (IllegalArgumentException e) {
                reported.badValues().add(text);
                report(path, line, e.getMessage());
            }
        } else if (type == Integer.class && parser.currentToken() == JsonToken.VALUE_STRING) {
            try {
                Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                reported.badValues().add(text);
                report(path, line, "must be a whole number, not '" + text + "'");
            }
        } else if (type == Boolean.class && parser.currentToken() == JsonToken.VALUE_STRING && !text.isEmpty()
                && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            reported.badValues().add(text);
            report(path, line, "must be true or false, not '" + text + "'");
        }
    }

    private void report(String field, int line, String message) {
        reported.problems().add(new ConfigProblem(source, item, index, field, Math.max(0, line), message));
    }

    /** The value type of a static delegating creator taking a map, as {@code ActionItem.of(Map)} has; else null. */
    private static Type delegatingMapValues(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            JsonCreator creator = method.getAnnotation(JsonCreator.class);
            if (creator != null && creator.mode() == JsonCreator.Mode.DELEGATING
                    && Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1
                    && Map.class.isAssignableFrom(method.getParameterTypes()[0])) {
                return argument(method.getGenericParameterTypes()[0], 1);
            }
        }
        return null;
    }

    /**
     * Whether a creator other than a properties one may take an object (a {@code JsonNode}, an {@code Object}):
     * then only Jackson knows the keys.
     */
    private static boolean delegatesObjects(Class<?> type) {
        List<Executable> creators = new ArrayList<>(List.of(type.getDeclaredMethods()));
        creators.addAll(List.of(type.getDeclaredConstructors()));
        return creators.stream().anyMatch(creator -> {
            JsonCreator annotation = creator.getAnnotation(JsonCreator.class);
            return annotation != null && annotation.mode() != JsonCreator.Mode.PROPERTIES
                    && creator.getParameterCount() == 1 && !SCALARS.contains(creator.getParameterTypes()[0])
                    && !Map.class.isAssignableFrom(creator.getParameterTypes()[0]);
        });
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Type argument(Type type, int position) {
        return type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length > position
                ? parameterized.getActualTypeArguments()[position] : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c
                ? c : Object.class;
    }
}
