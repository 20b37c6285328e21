package io.alertpilot.cli.rehearse;

/** Service settings given to a rehearsal that the services would refuse: an unknown key, a value of the wrong kind. */
public class InvalidSettingsException extends RuntimeException {

    public InvalidSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
