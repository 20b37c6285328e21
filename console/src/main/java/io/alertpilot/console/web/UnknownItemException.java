package io.alertpilot.console.web;

/** A page asked for an incident or remediation the read model does not know. */
class UnknownItemException extends RuntimeException {

    UnknownItemException(String what, String id) {
        super("there is no " + what + " " + id);
    }
}
