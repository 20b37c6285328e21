package io.alertpilot.cli;

/**
 * Input a command cannot read: a missing file, a broken test file, a broker that cannot be reached. The command exits
 * with {@link ExitCodes#USAGE} and prints the message, which names the input.
 */
public class UnreadableInputException extends RuntimeException {

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
