package io.alertpilot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.SharedRateLimit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StormCollectorTest {

    @Test
    void theCountIsReadFromTheLedgerRecordsRemediationWrites() {
        Instant first = Instant.parse("2026-11-30T10:00:00.123456Z");
        Instant second = first.plusSeconds(2);
        LedgerEntry entry = new LedgerEntry(SharedRateLimit.DRY_RUN_KEY, second, List.of(first, second), null,
                List.of(), List.of(), List.of(), null, second, List.of(), List.of(), List.of(), 2L, List.of())
                .nextVersion();

        StormCheck.CountWrite write = StormCollector.countWrite(Json.write(entry));

        assertThat(StormCollector.DRY_RUN_COUNT_KEY).isEqualTo(SharedRateLimit.DRY_RUN_KEY);
        assertThat(write.version()).isEqualTo(3);
        assertThat(write.attempts()).containsExactly(first, second);
        assertThat(StormCollector.countWrite(null)).isSameAs(StormCheck.CountWrite.TOMBSTONE);
    }
}
