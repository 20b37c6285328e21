package io.alertpilot.remediation.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest {

    private static final String KEY = "default/shop/Deployment/api";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final InMemoryLedger ledger = new InMemoryLedger();

    @Test
    void aWriteIsAcceptedOnlyWhileTheEntryIsAtTheVersionItWasRead() {
        LedgerEntry readByA = ledger.get(KEY);
        LedgerEntry readByB = ledger.get(KEY);

        LedgerEntry stored = ledger.put(readByA.withAttempt(NOW));

        assertThat(stored.version()).isEqualTo(1);
        assertThatThrownBy(() -> ledger.put(readByB.withHandled("seen-by-b", NOW)))
                .isInstanceOfSatisfying(LedgerConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(LedgerConflictException.REASON));
        assertThat(ledger.get(KEY)).isEqualTo(stored);
    }

    @Test
    void anUpdateAppliesItsChangeToTheFreshEntry() {
        LedgerEntry stale = ledger.get(KEY);
        ledger.put(stale.withAttempt(NOW));

        LedgerEntry updated = ledger.update(KEY, e -> e.withHandled("seen-by-b", NOW));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.attempts()).containsExactly(NOW);
        assertThat(updated.handled("seen-by-b")).isTrue();
        assertThat(ledger.update(KEY, e -> e)).isEqualTo(updated);
    }
}
