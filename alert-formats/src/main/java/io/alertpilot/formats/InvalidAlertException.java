package io.alertpilot.formats;

/**
 * A body that cannot be turned into alerts; names the offending field as a path ({@code alerts[2].labels}) so that
 * the sender can fix it. Not retryable: the same body fails the same way.
 */
public class InvalidAlertException extends RuntimeException {

    private final String field;

    public InvalidAlertException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The path of the offending field, or null when the problem is the body as a whole. */
    public String field() {
        return field;
    }
}
