package io.alertpilot.console.service;

/** A field of the windows form cannot be read; nothing was sent. */
public class InvalidWindowFormException extends RuntimeException {

    private final String field;

    public InvalidWindowFormException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The form field at fault. */
    public String field() {
        return field;
    }
}
