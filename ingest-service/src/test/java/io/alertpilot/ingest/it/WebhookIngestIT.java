package io.alertpilot.ingest.it;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The webhook contract against the in-JVM KRaft broker: runs on every machine. */
@EmbeddedKafka(partitions = 1)
class WebhookIngestIT extends WebhookIngestContract {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Override
    String bootstrapServers() {
        return brokers;
    }
}
