package io.alertpilot.readmodel;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code alertpilot.read-model.*}: how much of the past the read model holds.
 *
 * @param retention what is older is dropped, and not read at start-up (default 30 days)
 * @param maxEvents the most events held; beyond it the oldest go first (default 100,000; about 1 KiB of heap each, see
 *     BENCHMARKS.md)
 */
@ConfigurationProperties("alertpilot.read-model")
@Validated
public record ReadModelProperties(@DefaultValue("30d") Duration retention,
        @DefaultValue("100000") @Min(1000) int maxEvents) {
}
