package io.alertpilot.remediation.consume;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.support.kafka.DeadLetters;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.support.kafka.KafkaClientSettings;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The consumer of the remediation command topic ({@link RemediationCommandListener}): group
 * {@code <alertpilot.remediation.consumer.group-id>-commands} (its own, so that it never rebalances the alert
 * consumers), one thread, bounded retries, then {@code <topic>-dlt}; and the topic and its dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class RemediationCommandConsumption {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, RemediationCommand> remediationCommandContainerFactory(
            KafkaClientSettings kafkaClientSettings, RemediationProperties properties, DeadLetters deadLetters) {
        var consumers = new DefaultKafkaConsumerFactory<String, RemediationCommand>(
                kafkaClientSettings.groupMember(properties.consumer().groupId() + "-commands"),
                new StringDeserializer(),
                new ErrorHandlingDeserializer<>(JsonSerde.of(RemediationCommand.class).deserializer()));
        DefaultErrorHandler errors = deadLetters.errorHandler("alertpilot.remediation.command.dead.letters",
                List.of(properties.topics().commands()), properties.consumer().retries(),
                properties.consumer().retryBackoff(), IllegalArgumentException.class, NullPointerException.class);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, RemediationCommand>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errors);
        return factory;
    }

    @Bean
    NewTopic remediationCommandsTopic(RemediationProperties properties) {
        return RemediationKafkaConfiguration.topic(properties.topics().commands(), properties.topics())
                .config(TopicConfig.RETENTION_MS_CONFIG, Topics.HISTORY_MS).build();
    }

    @Bean
    NewTopic remediationCommandsDeadLetterTopic(RemediationProperties properties) {
        return RemediationKafkaConfiguration.topic(Topics.deadLetter(properties.topics().commands()),
                properties.topics()).build();
    }
}
