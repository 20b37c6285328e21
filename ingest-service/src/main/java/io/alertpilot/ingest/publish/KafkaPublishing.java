package io.alertpilot.ingest.publish;

import io.alertpilot.ingest.IngestProperties;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The producer setting that the 2xx-only-after-acknowledgement promise adds to service-support's (which forces
 * idempotence and {@code acks=all}, see {@code KafkaClientSettings}), and the topics ingest writes:
 * {@code max.block.ms} follows {@code alertpilot.ingest.publish-timeout} so that a broker that is down cannot hold a
 * request longer.
 */
@Configuration(proxyBeanMethods = false)
class KafkaPublishing {

    @Bean
    DefaultKafkaProducerFactoryCustomizer ingestProducerSettings(IngestProperties properties) {
        long timeoutMs = properties.publishTimeout().toMillis();
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs));
    }

    @Bean
    NewTopic alertsTopic(IngestProperties properties) {
        return topic(properties.topics().alerts(), properties.topics());
    }

    @Bean
    NewTopic rejectedTopic(IngestProperties properties) {
        return topic(properties.topics().rejected(), properties.topics());
    }

    private static NewTopic topic(String name, IngestProperties.TopicNames topics) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(topics.partitions());
        if (topics.replicas() > 0) {
            builder.replicas(topics.replicas());
        }
        return builder.build();
    }
}
