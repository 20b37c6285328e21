package io.alertpilot.notifier.consume;

import io.alertpilot.support.kafka.CountingRecoverer;
import io.micrometer.core.instrument.MeterRegistry;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.EventFormatException;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.support.kafka.JsonValueSerializer;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.NotifierProperties;
import io.alertpilot.notifier.incident.IncidentCommand;
import io.alertpilot.notifier.incident.IncidentService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The notifier's consumers, built here and not from the shared {@code spring.kafka.consumer.*} settings (other
 * services share the JVM in standalone): group {@code alertpilot-notifier}, String keys, JSON values behind an
 * {@link ErrorHandlingDeserializer}, a commit after each record is processed, the range assignor (it gives one
 * consumer the same partition of every co-partitioned topic), bounded retries, then the dead-letter topic
 * {@code <topic>-dlt}.
 *
 * <p>Two containers: {@code notifierIncidentContainer} reads the alert and command topics and owns incidents;
 * {@code notifierRemediationContainer} forwards remediation events (keyed by target) to the command topic (keyed by
 * incident).
 */
@Configuration(proxyBeanMethods = false)
class NotifierKafkaConfiguration {

    @Bean
    NotifierDeadLetters notifierDeadLetters(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> serializers = new LinkedHashMap<>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(Object.class, new JsonValueSerializer());
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), new DelegatingByTypeSerializer(serializers, true));
        return new NotifierDeadLetters(factory);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, Object> notifierIncidentContainer(KafkaProperties kafka,
            KafkaConnectionDetails connection, NotifierProperties properties, IncidentService notifierIncidentService,
            NotifierDeadLetters notifierDeadLetters, MeterRegistry meterRegistry) {
        NotifierProperties.TopicNames topics = properties.topics();
        Map<String, Deserializer<?>> byTopic = Map.of(
                topics.alerts(), JsonSerde.of(AlertEvent.class).deserializer(),
                topics.commands(), JsonSerde.of(IncidentCommand.class).deserializer());
        DefaultKafkaConsumerFactory<String, Object> factory = new DefaultKafkaConsumerFactory<>(
                consumerConfig(kafka, connection, properties), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new TopicDeserializer(byTopic)));
        factory.addListener(new MicrometerConsumerListener<>(meterRegistry));
        ContainerProperties containerProperties = new ContainerProperties(topics.alerts(), topics.commands());
        containerProperties.setGroupId(properties.groupId());
        containerProperties.setAckMode(ContainerProperties.AckMode.RECORD);
        containerProperties.setConsumerRebalanceListener(new IncidentRestorer(notifierIncidentService,
                () -> restoreConsumer(kafka, connection, properties), topics.alerts(), topics.incidents()));
        NotifierListeners listeners = new NotifierListeners(notifierIncidentService);
        containerProperties.setMessageListener((MessageListener<String, Object>) listeners::onIncidentRecord);
        ConcurrentMessageListenerContainer<String, Object> container =
                new ConcurrentMessageListenerContainer<>(factory, containerProperties);
        container.setBeanName("notifierIncidentContainer");
        container.setCommonErrorHandler(errorHandler(notifierDeadLetters, meterRegistry, properties));
        return container;
    }

    @Bean
    ConcurrentMessageListenerContainer<String, RemediationEvent> notifierRemediationContainer(KafkaProperties kafka,
            KafkaConnectionDetails connection, NotifierProperties properties, IncidentService notifierIncidentService,
            NotifierDeadLetters notifierDeadLetters, MeterRegistry meterRegistry) {
        DefaultKafkaConsumerFactory<String, RemediationEvent> factory = new DefaultKafkaConsumerFactory<>(
                consumerConfig(kafka, connection, properties), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(JsonSerde.of(RemediationEvent.class).deserializer()));
        factory.addListener(new MicrometerConsumerListener<>(meterRegistry));
        ContainerProperties containerProperties = new ContainerProperties(properties.topics().remediations());
        containerProperties.setGroupId(properties.groupId());
        containerProperties.setAckMode(ContainerProperties.AckMode.RECORD);
        NotifierListeners listeners = new NotifierListeners(notifierIncidentService);
        containerProperties.setMessageListener(
                (MessageListener<String, RemediationEvent>) listeners::onRemediationRecord);
        ConcurrentMessageListenerContainer<String, RemediationEvent> container =
                new ConcurrentMessageListenerContainer<>(factory, containerProperties);
        container.setBeanName("notifierRemediationContainer");
        container.setCommonErrorHandler(errorHandler(notifierDeadLetters, meterRegistry, properties));
        return container;
    }

    private static DefaultErrorHandler errorHandler(NotifierDeadLetters deadLetters, MeterRegistry meterRegistry,
            NotifierProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters.template(),
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        NotifierProperties.TopicNames topics = properties.topics();
        DefaultErrorHandler handler = new DefaultErrorHandler(new CountingRecoverer(recoverer, meterRegistry,
                "alertpilot.notifier.dead.letters", List.of(topics.alerts(), topics.commands(), topics.remediations())),
                new FixedBackOff(1000L, 4L));
        handler.addNotRetryableExceptions(EventFormatException.class, IllegalArgumentException.class,
                NullPointerException.class, ClassCastException.class);
        return handler;
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka, KafkaConnectionDetails connection,
            NotifierProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.getProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
        if (connection.getConsumer().getSecurityProtocol() != null) {
            config.put("security.protocol", connection.getConsumer().getSecurityProtocol());
        }
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        // a replica that died without leaving the group holds its partitions this long (Kafka's default is 45 s)
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(RangeAssignor.class.getName()));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return config;
    }

    private static KafkaConsumer<String, byte[]> restoreConsumer(KafkaProperties kafka,
            KafkaConnectionDetails connection, NotifierProperties properties) {
        Map<String, Object> config = consumerConfig(kafka, connection, properties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.groupId() + "-restore");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The producer of dead letters: raw bytes stay bytes, anything else is written as JSON. */
    static final class NotifierDeadLetters implements DisposableBean {

        private final DefaultKafkaProducerFactory<String, Object> factory;
        private final KafkaTemplate<String, Object> template;

        NotifierDeadLetters(DefaultKafkaProducerFactory<String, Object> factory) {
            this.factory = factory;
            this.template = new KafkaTemplate<>(factory);
        }

        KafkaTemplate<String, Object> template() {
            return template;
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }
}
