package io.alertpilot.ingest;

import io.alertpilot.model.kafka.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingest service ({@code alertpilot.ingest.*}); every default is here. How bodies are read (severity
 * mapping, alerts per request) is {@code alertpilot.formats.*}, shared with remediation's evaluate.
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413. The default, 32 MB, is far above what
 *     Alertmanager sends for a group of 10,000 alerts (about 9 MB with kube-prometheus-stack's labels and annotations): it protects against abuse, never refuses a real
 *     group; a request holds at most this much of its body in memory
 * @param rejectedBodyLimit how much of a refused body is kept on the rejected topic
 * @param publishTimeout how long a request waits for Kafka to acknowledge all its alerts before it answers 503
 * @param retryAfter the {@code Retry-After} sent with a 503
 */
@Validated
@ConfigurationProperties("alertpilot.ingest")
public record IngestProperties(
        @DefaultValue("32MB") @DataSizeUnit(DataUnit.BYTES) @NotNull DataSize maxBodySize,
        @DefaultValue("64KB") @DataSizeUnit(DataUnit.BYTES) @NotNull DataSize rejectedBodyLimit,
        @DefaultValue("10s") @NotNull Duration publishTimeout,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue @Valid TopicNames topics) {

    public IngestProperties {
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("alertpilot.ingest.publish-timeout must be positive");
        }
    }

    /**
     * Topic names and how they are created when missing.
     *
     * @param partitions partitions of a topic created at start-up
     * @param replicas replication factor of a topic created at start-up; 0 uses the broker's default
     */
    public record TopicNames(
            @DefaultValue(Topics.ALERTS) @NotBlank String alerts,
            @DefaultValue(Topics.ALERTS_REJECTED) @NotBlank String rejected,
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("0") @Min(0) int replicas) {
    }
}
