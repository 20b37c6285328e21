package io.alertpilot.notifier.policy;

import io.alertpilot.notifier.escalation.InvalidPolicyException;
import io.alertpilot.notifier.escalation.PolicySet;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The escalation policies in force, read by {@link PolicyLoader} from a directory and the shipped defaults, and read
 * again by {@link #reload()} (polled, like the playbooks): a changed set is swapped in only when every file is valid;
 * an invalid file leaves the last good set in force and is reported once per distinct problem. Thread safe.
 */
public final class PolicyLibrary {

    /** What a reload did. */
    public sealed interface Reload {
        /** A new set is in force. */
        record Loaded(PolicySet set) implements Reload {
        }

        /** The policies read are those in force (or the same refusal as last time). */
        record Unchanged() implements Reload {
        }

        /** The new content was refused; the last good set stays in force. */
        record Refused(String message) implements Reload {
        }
    }

    private final PolicyLoader loader;
    private final Path directory;
    private final boolean includeDefaults;
    private final AtomicReference<PolicySet> current;
    private volatile String lastRefusal;

    /**
     * Reads the policies once.
     *
     * @param directory a directory of policy files, or null for the shipped defaults only
     * @throws InvalidPolicyException when a file is invalid: the service must not start with a broken policy
     */
    public PolicyLibrary(PolicyLoader loader, Path directory, boolean includeDefaults) {
        this.loader = loader;
        this.directory = directory;
        this.includeDefaults = includeDefaults;
        this.current = new AtomicReference<>(loader.load(directory, includeDefaults));
    }

    /** The set in force. */
    public PolicySet current() {
        return current.get();
    }

    /** The message of the last refused reload, or null when the last read was good. */
    public String lastError() {
        return lastRefusal;
    }

    /** Reads the policies again; never throws for bad or unreadable content. */
    public synchronized Reload reload() {
        PolicySet read;
        try {
            read = loader.load(directory, includeDefaults);
        } catch (InvalidPolicyException | IllegalArgumentException | UncheckedIOException e) {
            String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
            if (message.equals(lastRefusal)) {
                return new Reload.Unchanged();
            }
            lastRefusal = message;
            return new Reload.Refused(message);
        }
        lastRefusal = null;
        if (read.equals(current.get())) {
            return new Reload.Unchanged();
        }
        current.set(read);
        return new Reload.Loaded(read);
    }
}
