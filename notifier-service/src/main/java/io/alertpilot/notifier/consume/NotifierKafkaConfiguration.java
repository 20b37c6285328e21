package io.alertpilot.notifier.consume;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.NotifierProperties;
import io.alertpilot.notifier.incident.IncidentCommand;
import io.alertpilot.notifier.incident.IncidentLookup;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.support.kafka.DeadLetters;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The notifier's consumers, their properties from service-support's {@link KafkaClientSettings} (every
 * {@code spring.kafka.*} setting, security and SSL included, then AlertPilot's own): group {@code alertpilot-notifier},
 * String keys, JSON values behind an {@link ErrorHandlingDeserializer}, batch listeners that hand each poll to
 * {@link NotifierListeners} (its keys in parallel) and commit it once every record of it is processed, the range
 * assignor (it gives one consumer the same partition of every co-partitioned topic), bounded retries from the failed
 * record on (those before it are committed), then the dead-letter topic {@code <topic>-dlt} ({@link DeadLetters}).
 *
 * <p>Two containers: {@code notifierIncidentContainer} reads the alert and command topics and owns incidents;
 * {@code notifierRemediationContainer} forwards remediation events (keyed by target) to the command topic (keyed by
 * incident).
 */
@Configuration(proxyBeanMethods = false)
class NotifierKafkaConfiguration {

    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    /** Whether an incident exists, read from the incident topic: for ids this replica does not own. */
    @Bean
    IncidentLookup notifierIncidentLookup(KafkaClientSettings kafkaClientSettings, NotifierProperties properties) {
        return new KafkaIncidentLookup(incidentTopicReader(kafkaClientSettings, properties, LOOKUP_TIMEOUT, false));
    }

    /** What both containers do with a poll; its threads stop with the context. */
    @Bean
    NotifierListeners notifierListeners(IncidentService notifierIncidentService, NotifierProperties properties) {
        return new NotifierListeners(notifierIncidentService, properties.consumer().parallelism());
    }

    @Bean
    ConcurrentMessageListenerContainer<String, Object> notifierIncidentContainer(
            KafkaClientSettings kafkaClientSettings, NotifierProperties properties,
            IncidentService notifierIncidentService, NotifierListeners notifierListeners, DeadLetters deadLetters,
            MeterRegistry meterRegistry) {
        NotifierProperties.TopicNames topics = properties.topics();
        Map<String, Deserializer<?>> byTopic = Map.of(
                topics.alerts(), JsonSerde.of(AlertEvent.class).deserializer(),
                topics.commands(), JsonSerde.of(IncidentCommand.class).deserializer());
        DefaultKafkaConsumerFactory<String, Object> factory = consumerFactory(kafkaClientSettings, properties,
                "incidents", new TopicDeserializer(byTopic), meterRegistry);
        ContainerProperties containerProperties = new ContainerProperties(topics.alerts(), topics.commands());
        containerProperties.setGroupId(properties.groupId());
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProperties.setConsumerRebalanceListener(new IncidentRestorer(notifierIncidentService,
                incidentTopicReader(kafkaClientSettings, properties, RESTORE_TIMEOUT, true), topics.alerts()));
        containerProperties.setMessageListener(
                (BatchMessageListener<String, Object>) notifierListeners::onIncidentRecords);
        ConcurrentMessageListenerContainer<String, Object> container =
                new ConcurrentMessageListenerContainer<>(factory, containerProperties);
        container.setBeanName("notifierIncidentContainer");
        container.setCommonErrorHandler(errorHandler(deadLetters, properties));
        return container;
    }

    @Bean
    ConcurrentMessageListenerContainer<String, RemediationEvent> notifierRemediationContainer(
            KafkaClientSettings kafkaClientSettings, NotifierProperties properties,
            NotifierListeners notifierListeners, DeadLetters deadLetters, MeterRegistry meterRegistry) {
        DefaultKafkaConsumerFactory<String, RemediationEvent> factory = consumerFactory(kafkaClientSettings,
                properties, "remediations", JsonSerde.of(RemediationEvent.class).deserializer(), meterRegistry);
        ContainerProperties containerProperties = new ContainerProperties(properties.topics().remediations());
        containerProperties.setGroupId(properties.groupId());
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProperties.setMessageListener(
                (BatchMessageListener<String, RemediationEvent>) notifierListeners::onRemediationRecords);
        ConcurrentMessageListenerContainer<String, RemediationEvent> container =
                new ConcurrentMessageListenerContainer<>(factory, containerProperties);
        container.setBeanName("notifierRemediationContainer");
        container.setCommonErrorHandler(errorHandler(deadLetters, properties));
        return container;
    }

    private static DefaultErrorHandler errorHandler(DeadLetters deadLetters, NotifierProperties properties) {
        NotifierProperties.TopicNames topics = properties.topics();
        return deadLetters.errorHandler("alertpilot.notifier.dead.letters",
                List.of(topics.alerts(), topics.commands(), topics.remediations()), 4, Duration.ofSeconds(1),
                IllegalArgumentException.class, NullPointerException.class, ClassCastException.class);
    }

    /**
     * A consumer factory of the notifier's group for one of its two containers (named by {@code container}, which
     * keeps their static group memberships apart): String keys, values by {@code values} behind an error handler.
     */
    static <V> DefaultKafkaConsumerFactory<String, V> consumerFactory(KafkaClientSettings settings,
            NotifierProperties properties, String container, Deserializer<V> values, MeterRegistry meterRegistry) {
        DefaultKafkaConsumerFactory<String, V> factory = new DefaultKafkaConsumerFactory<>(
                consumerConfig(settings, properties, container), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(values));
        factory.addListener(new MicrometerConsumerListener<>(meterRegistry));
        return factory;
    }

    /** A member of the notifier's group for {@code container}: the range assignor, at most 100 records a poll. */
    static Map<String, Object> consumerConfig(KafkaClientSettings settings, NotifierProperties properties,
            String container) {
        Map<String, Object> config = settings.groupMember(properties.groupId(), container);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(RangeAssignor.class.getName()));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return config;
    }

    /**
     * @param named true for the one restore reader, whose client id names it; look-ups run side by side and keep the
     *     unique id Kafka gives each consumer (one id for all would clash in the clients' metrics)
     */
    private static IncidentTopicReader incidentTopicReader(KafkaClientSettings settings, NotifierProperties properties,
            Duration timeout, boolean named) {
        return new IncidentTopicReader(() -> {
            Map<String, Object> config = restoreConfig(settings, properties);
            if (!named) {
                config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
            }
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        }, properties.topics().incidents(), timeout);
    }

    /** The reader of the incident topic on assignment and for look-ups: outside the group, 1000 records a poll. */
    static Map<String, Object> restoreConfig(KafkaClientSettings settings, NotifierProperties properties) {
        Map<String, Object> config = settings.reader();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.groupId() + "-restore");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return config;
    }
}
