package io.alertpilot.console.web;

/**
 * The message shown at the top of the next page after a command ({@code #flash}, class {@code ok} or {@code error}).
 *
 * @param kind {@code ok} or {@code error}
 */
public record Flash(String kind, String message) {

    /** The model and flash attribute name. */
    static final String ATTRIBUTE = "flash";

    static Flash ok(String message) {
        return new Flash("ok", message);
    }

    static Flash error(String message) {
        return new Flash("error", message);
    }
}
