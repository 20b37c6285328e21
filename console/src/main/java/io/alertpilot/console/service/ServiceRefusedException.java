package io.alertpilot.console.service;

/**
 * A service answered a command with an error (403 naming the role, 404, 409, 503, a 400 naming the field); the
 * message is what it said, for the operator.
 *
 * @see ServiceClient
 */
public class ServiceRefusedException extends RuntimeException {

    private final int status;

    public ServiceRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the service answered. */
    public int status() {
        return status;
    }
}
