package io.alertpilot.remediation.consume;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.EventFormatException;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.alertpilot.support.kafka.CountingRecoverer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The remediation service's own Kafka consumer set-up (group {@code alertpilot-remediation}), independent of the
 * shared {@code spring.kafka.consumer.*}: String keys, AlertEvent JSON values behind an ErrorHandlingDeserializer,
 * commits after the records of a poll were handled, bounded retries, then the dead-letter topic
 * {@code <topic>-dlt}. Also the topics this service writes: remediations, the compacted ledger, and the alerts
 * dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
public class RemediationKafkaConfiguration {

    /** The consumer settings every remediation consumer starts from (bootstrap servers, security). */
    public static Map<String, Object> baseConsumerConfig(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connection.getBootstrapServers()));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    @Bean
    ConsumerFactory<String, AlertEvent> remediationConsumerFactory(KafkaProperties kafka,
            KafkaConnectionDetails connection, RemediationProperties properties, MeterRegistry meterRegistry) {
        Map<String, Object> config = baseConsumerConfig(kafka, connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumer().groupId());
        // a replica that died without leaving the group holds its partitions this long (Kafka's default is 45 s)
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        DefaultKafkaConsumerFactory<String, AlertEvent> factory = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(JsonSerde.of(AlertEvent.class).deserializer()));
        // consumer metrics (lag among them) in /actuator/prometheus
        factory.addListener(new MicrometerConsumerListener<>(meterRegistry));
        return factory;
    }

    /**
     * The producer of dead-letter records whose value could not be read: the original bytes are kept. Not a
     * KafkaTemplate bean, which would make Boot's own KafkaTemplate back off.
     */
    static final class DeadLetterBytes implements DisposableBean {

        private final DefaultKafkaProducerFactory<String, byte[]> factory;
        final KafkaTemplate<String, byte[]> template;

        DeadLetterBytes(Map<String, Object> config) {
            this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
            this.template = new KafkaTemplate<>(factory);
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }

    @Bean
    DeadLetterBytes remediationDeadLetterBytes(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connection.getBootstrapServers()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new DeadLetterBytes(config);
    }

    @Bean
    DefaultErrorHandler remediationErrorHandler(KafkaTemplate<String, Object> kafkaTemplate,
            DeadLetterBytes remediationDeadLetterBytes, RemediationProperties properties, MeterRegistry meterRegistry) {
        Map<Class<?>, org.springframework.kafka.core.KafkaOperations<? extends Object, ? extends Object>> templates =
                new java.util.LinkedHashMap<>();
        templates.put(byte[].class, remediationDeadLetterBytes.template);
        templates.put(Object.class, kafkaTemplate);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(
                new CountingRecoverer(recoverer, meterRegistry, "alertpilot.remediation.dead.letters",
                        List.of(properties.topics().alerts())),
                new FixedBackOff(properties.consumer().retryBackoff().toMillis(), properties.consumer().retries()));
        handler.addNotRetryableExceptions(EventFormatException.class, DeserializationException.class,
                InvalidPlaybookException.class, IllegalArgumentException.class);
        return handler;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, AlertEvent> remediationKafkaListenerContainerFactory(
            ConsumerFactory<String, AlertEvent> remediationConsumerFactory, DefaultErrorHandler remediationErrorHandler,
            RemediationProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, AlertEvent> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(remediationConsumerFactory);
        factory.setConcurrency(properties.consumer().concurrency());
        // offsets are committed once the records of a poll were handled, not after each one (a commit is a round trip
        // to the broker); a record handled again after a crash is left alone by the Remediator (idempotent by eventId)
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        factory.setCommonErrorHandler(remediationErrorHandler);
        return factory;
    }

    @Bean
    NewTopic remediationEventsTopic(RemediationProperties properties) {
        return topic(properties.topics().remediations(), properties.topics()).build();
    }

    @Bean
    NewTopic remediationLedgerTopic(RemediationProperties properties) {
        return topic(properties.topics().ledger(), properties.topics())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    /** The topic this service reads; ingest declares it too (the same name twice is fine for KafkaAdmin). */
    @Bean
    NewTopic remediationAlertsTopic(RemediationProperties properties) {
        return topic(properties.topics().alerts(), properties.topics()).build();
    }

    @Bean
    NewTopic remediationAlertsDeadLetterTopic(RemediationProperties properties) {
        return topic(Topics.deadLetter(properties.topics().alerts()), properties.topics()).build();
    }

    private static TopicBuilder topic(String name, RemediationProperties.TopicNames topics) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(topics.partitions());
        if (topics.replicas() > 0) {
            builder.replicas(topics.replicas());
        }
        return builder;
    }
}
