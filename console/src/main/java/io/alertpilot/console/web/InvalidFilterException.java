package io.alertpilot.console.web;

/** A page's query parameter holds a value that names nothing (a state or phase that does not exist). */
class InvalidFilterException extends RuntimeException {

    private final String field;

    InvalidFilterException(String field, String value, Class<? extends Enum<?>> type) {
        super("'" + value + "' is not a " + field + "; known are "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        this.field = field;
    }

    String field() {
        return field;
    }

    /** The constant of {@code type} named {@code value} (case ignored), or null when {@code value} is blank. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new InvalidFilterException(field, value, type);
    }
}
