package io.alertpilot.notifier.slack;

/** A Slack interaction request whose body is not a block_actions payload AlertPilot understands; names the field. */
public class InvalidInteractionException extends RuntimeException {

    private final String field;

    public InvalidInteractionException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field of the payload. */
    public String field() {
        return field;
    }
}
