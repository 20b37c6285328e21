package io.alertpilot.model.maintenance;

/** A maintenance window that cannot be used, naming the offending field ({@code matchers[0].value}). */
public final class InvalidWindowException extends IllegalArgumentException {

    private final String field;

    public InvalidWindowException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    /** The offending field, as a path into the window's JSON; null when the body as a whole is not a window. */
    public String field() {
        return field;
    }
}
