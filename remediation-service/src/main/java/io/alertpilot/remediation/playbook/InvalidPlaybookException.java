package io.alertpilot.remediation.playbook;

/**
 * A playbook file that cannot be used; the message names the file, the playbook (when known) and the field as a path
 * ({@code actions[0].scale.max}). Not retryable: the same file fails the same way until it is fixed.
 */
public class InvalidPlaybookException extends RuntimeException {

    private final String file;
    private final String playbook;
    private final String field;

    public InvalidPlaybookException(String file, String playbook, String field, String problem) {
        super(file + ": " + (playbook == null ? "" : "playbook '" + playbook + "': ")
                + (field == null ? "" : "field '" + field + "': ") + problem);
        this.file = file;
        this.playbook = playbook;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** The playbook's name, or null when the problem is outside any playbook (or the name itself is missing). */
    public String playbook() {
        return playbook;
    }

    public String field() {
        return field;
    }
}
