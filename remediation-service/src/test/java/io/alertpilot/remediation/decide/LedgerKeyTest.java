package io.alertpilot.remediation.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.remediation.guard.SharedRateLimit;
import org.junit.jupiter.api.Test;

class LedgerKeyTest {

    @Test
    void targetKeysNameTargetsAndTheRateLimitsReservedEntriesDoNot() {
        assertThat(LedgerKey.namesTarget("default/shop/Deployment/checkout-api")).isTrue();
        assertThat(LedgerKey.namesTarget("default/-/-/-/notify-only/0c029c006d0ffce0")).isTrue();
        assertThat(LedgerKey.namesTarget(SharedRateLimit.LIVE_KEY)).isFalse();
        assertThat(LedgerKey.namesTarget(SharedRateLimit.DRY_RUN_KEY)).isFalse();
    }
}
