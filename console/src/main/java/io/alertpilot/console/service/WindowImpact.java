package io.alertpilot.console.service;

import java.util.List;

/**
 * What a draft maintenance window would affect, as remediation's preview answers it.
 *
 * @param state where the draft would stand now ({@code active}, {@code scheduled})
 * @param playbooks the loaded playbooks it could hold back
 * @param targets the known target keys it covers
 * @param incidents the open incidents it covers
 */
public record WindowImpact(String state, List<String> playbooks, List<String> targets, List<String> incidents) {

    public WindowImpact {
        playbooks = List.copyOf(playbooks);
        targets = List.copyOf(targets);
        incidents = List.copyOf(incidents);
    }
}
