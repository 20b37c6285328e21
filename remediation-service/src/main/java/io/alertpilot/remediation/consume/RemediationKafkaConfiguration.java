package io.alertpilot.remediation.consume;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import io.alertpilot.support.kafka.DeadLetters;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.kafka.KeyedBatch;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The remediation service's alert consumer (group {@code alertpilot-remediation}), its properties from service-support's
 * {@link KafkaClientSettings}: String keys, AlertEvent JSON values behind an ErrorHandlingDeserializer, commits after
 * the records of a poll were handled, bounded retries, then the dead-letter topic {@code <topic>-dlt}
 * ({@link DeadLetters}). Also the topics this service writes: remediations, the compacted ledger, and the alerts
 * dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
public class RemediationKafkaConfiguration {

    /**
     * The alert consumer's properties: every {@code spring.kafka.*} setting, then a member of group
     * {@code alertpilot.remediation.consumer.group-id} (10 s session timeout, from the earliest offset), at most 200
     * records a poll: a storm's poll then spans enough targets to keep the decide pool busy (10,000 alerts over 500
     * targets: 372-417 decisions/s with 50 a poll, 832-861 with 200, 832 with 500, at parallelism 64).
     */
    static Map<String, Object> consumerConfig(KafkaClientSettings settings, RemediationProperties properties) {
        Map<String, Object> config = settings.groupMember(properties.consumer().groupId());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        return config;
    }

    @Bean
    ConsumerFactory<String, AlertEvent> remediationConsumerFactory(KafkaClientSettings kafkaClientSettings,
            RemediationProperties properties, MeterRegistry meterRegistry) {
        DefaultKafkaConsumerFactory<String, AlertEvent> factory = new DefaultKafkaConsumerFactory<>(
                consumerConfig(kafkaClientSettings, properties), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(JsonSerde.of(AlertEvent.class).deserializer()));
        // consumer metrics (lag among them) in /actuator/prometheus
        factory.addListener(new MicrometerConsumerListener<>(meterRegistry));
        return factory;
    }

    /**
     * The pool the alert listener decides a poll's alerts on, {@code alertpilot.remediation.consumer.parallelism} at
     * once; one for every listener thread, so the bound holds for the replica. Closed after the containers stopped.
     */
    @Bean(destroyMethod = "close")
    KeyedBatch remediationAlertBatch(RemediationProperties properties) {
        return new KeyedBatch("remediation-decide", properties.consumer().parallelism());
    }

    @Bean
    DefaultErrorHandler remediationErrorHandler(DeadLetters deadLetters, RemediationProperties properties) {
        return deadLetters.errorHandler("alertpilot.remediation.dead.letters", List.of(properties.topics().alerts()),
                properties.consumer().retries(), properties.consumer().retryBackoff(), InvalidPlaybookException.class,
                IllegalArgumentException.class);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, AlertEvent> remediationKafkaListenerContainerFactory(
            ConsumerFactory<String, AlertEvent> remediationConsumerFactory, DefaultErrorHandler remediationErrorHandler,
            RemediationProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, AlertEvent> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(remediationConsumerFactory);
        factory.setConcurrency(properties.consumer().concurrency());
        // the listener gets the poll's records at once and decides them in parallel (AlertListener, KeyedBatch); a
        // failed record is named by a BatchListenerFailedException, so the error handler retries and dead-letters it
        factory.setBatchListener(true);
        // offsets are committed once the records of a poll were handled, not after each one (a commit is a round trip
        // to the broker); a record handled again after a crash is left alone by the Remediator (idempotent by eventId)
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        factory.setCommonErrorHandler(remediationErrorHandler);
        return factory;
    }

    @Bean
    NewTopic remediationEventsTopic(RemediationProperties properties) {
        return topic(properties.topics().remediations(), properties.topics())
                .config(TopicConfig.RETENTION_MS_CONFIG, Topics.HISTORY_MS).build();
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
        return topic(properties.topics().alerts(), properties.topics())
                .config(TopicConfig.RETENTION_MS_CONFIG, Topics.HISTORY_MS).build();
    }

    @Bean
    NewTopic remediationAlertsDeadLetterTopic(RemediationProperties properties) {
        return topic(Topics.deadLetter(properties.topics().alerts()), properties.topics()).build();
    }

    static TopicBuilder topic(String name, RemediationProperties.TopicNames topics) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(topics.partitions());
        if (topics.replicas() > 0) {
            builder.replicas(topics.replicas());
        }
        return builder;
    }
}
