package io.alertpilot.remediation.playbook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The playbooks in force, in the order they are tried: by {@code order} (ascending), equal orders as they were read
 * (files by name, playbooks as written). The first match ends the search unless it has {@code continue: true}.
 *
 * @param checksum identifies the content the set was read from, so that an unchanged directory is not read again
 */
public record PlaybookSet(List<Playbook> playbooks, List<String> files, String checksum, Instant loadedAt) {

    /** No playbook: nothing matches. */
    public static PlaybookSet empty(Instant now) {
        return new PlaybookSet(List.of(), List.of(), "", now);
    }

    public PlaybookSet {
        playbooks = List.copyOf(playbooks);
        files = List.copyOf(files);
    }

    /** The playbook called {@code name}. */
    public Optional<Playbook> named(String name) {
        return playbooks.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
