package io.alertpilot.ingest.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The webhook contract against a Kafka broker in a container: runs where Docker exists, skipped where it does not. */
@Testcontainers(disabledWithoutDocker = true)
class WebhookIngestTestcontainersIT extends WebhookIngestContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.0");

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    }

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
