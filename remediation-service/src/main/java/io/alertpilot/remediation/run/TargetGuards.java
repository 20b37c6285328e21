package io.alertpilot.remediation.run;

import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.readmodel.TargetGuard;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.LedgerKey;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerReading;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookSet;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.support.web.QueryParameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guard state of every target a loaded playbook acted on (or planned, or asks approval for), as its next alert
 * would meet it: read from the shared ledger with the decider's own reading ({@link Decider#reading}), so the
 * cooldown, attempts and flapping shown are what the guards check; the lock holder from the target locks (null when
 * free, or when the lock store cannot be asked). Which playbook touched which ledger entry comes from the
 * remediations in the read model and the approvals waiting in the ledger; a playbook no longer loaded is left out.
 * Thread safe.
 */
public final class TargetGuards {

    /** The most remediations read to learn which playbook touched which target (the read model's page bound). */
    private static final int QUERY_LIMIT = QueryParameters.MAX_LIMIT;

    private final PlaybookLibrary library;
    private final Decider decider;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final ReadModel readModel;

    public TargetGuards(PlaybookLibrary library, Decider decider, Ledger ledger, TargetLocks locks,
            ReadModel readModel) {
        this.library = library;
        this.decider = decider;
        this.ledger = ledger;
        this.locks = locks;
        this.readModel = readModel;
    }

    /** The targets of {@code playbook} (every loaded playbook when null), by playbook, then target key. */
    public ListAnswer<TargetGuard> of(String playbook) {
        ledger.sync();
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.all()) {
            if (LedgerKey.namesTarget(entry.targetKey())) {
                entries.put(entry.targetKey(), entry);
            }
        }
        Map<Seen, RemediationView> seen = new LinkedHashMap<>();
        for (RemediationView view : readModel.remediations(new RemediationQuery(null, playbook, null, null, null,
                null, QUERY_LIMIT)).items()) {
            ledgerKey(view, entries).ifPresent(key -> seen.merge(new Seen(view.playbook(), key), view,
                    (held, other) -> other.lastAt().isAfter(held.lastAt()) ? other : held));
        }
        for (LedgerEntry entry : entries.values()) {
            for (LedgerEntry.PendingApproval pending : entry.pending()) {
                if (playbook == null || playbook.equals(pending.playbook())) {
                    seen.putIfAbsent(new Seen(pending.playbook(), entry.targetKey()), null);
                }
            }
        }
        PlaybookSet loaded = library.current();
        List<TargetGuard> guards = new ArrayList<>();
        seen.forEach((pair, latest) -> loaded.named(pair.playbook()).ifPresent(p ->
                guards.add(guard(p, entries.get(pair.key()), latest))));
        guards.sort(Comparator.comparing(TargetGuard::playbook).thenComparing(TargetGuard::targetKey));
        return new ListAnswer<>(guards, guards.size());
    }

    private TargetGuard guard(Playbook playbook, LedgerEntry entry, RemediationView latest) {
        LedgerReading reading = decider.reading(playbook, entry);
        return new TargetGuard(playbook.name(), entry.targetKey(), reading.cooldownUntil(), (int) reading.attempts(),
                decider.settings(playbook).maxAttempts(), (int) reading.transitions(), holder(entry.targetKey()),
                latest == null ? null : latest.phase().name(), reading.lastActionAt());
    }

    private String holder(String key) {
        try {
            return locks.holder(key).orElse(null);
        } catch (GuardCheckUnavailableException e) {
            return null;
        }
    }

    /**
     * The ledger key a remediation's guards read: its target's key, or for a playbook without a target its own
     * per-alert key ({@link LedgerKey}); empty when the ledger holds neither.
     */
    private static Optional<String> ledgerKey(RemediationView view, Map<String, LedgerEntry> entries) {
        String targetless = view.targetKey() + "/" + view.playbook() + "/" + view.fingerprint();
        if (entries.containsKey(targetless)) {
            return Optional.of(targetless);
        }
        return entries.containsKey(view.targetKey()) ? Optional.of(view.targetKey()) : Optional.empty();
    }

    private record Seen(String playbook, String key) {
    }
}
