package io.alertpilot.notifier.publish;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.notifier.NotifierMetrics;
import io.alertpilot.notifier.NotifierProperties;
import io.alertpilot.notifier.channel.NotificationAudit;
import io.alertpilot.notifier.incident.IncidentForwarder;
import io.alertpilot.notifier.incident.IncidentLog;
import io.alertpilot.notifier.slack.RemediationCommands;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.support.kafka.AcknowledgedSender;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The notifier's Kafka writers and topics: the compacted incident topic and the command topic (partitioned like the
 * alert topic), the notification audit, the remediation commands of the Slack buttons (a topic the remediation service
 * declares), and the dead-letter topics of what the notifier reads.
 */
@Configuration(proxyBeanMethods = false)
class NotifierPublishing {

    @Bean
    IncidentLog notifierIncidentLog(AcknowledgedSender acknowledgedSender, NotifierProperties properties,
            ReadModel readModel) {
        return new KafkaIncidentLog(acknowledgedSender, properties.topics().incidents(), properties.writeTimeout(),
                readModel::onIncident);
    }

    @Bean
    IncidentForwarder notifierIncidentForwarder(AcknowledgedSender acknowledgedSender,
            NotifierProperties properties) {
        return new KafkaIncidentForwarder(acknowledgedSender, properties.topics().commands(), properties.writeTimeout());
    }

    @Bean
    NotificationAudit notifierNotificationAudit(AcknowledgedSender acknowledgedSender,
            NotifierProperties properties, NotifierMetrics notifierMetrics) {
        return new KafkaNotificationAudit(acknowledgedSender, properties.topics().notifications(), notifierMetrics);
    }

    @Bean
    RemediationCommands notifierRemediationCommands(AcknowledgedSender acknowledgedSender,
            NotifierProperties properties) {
        return new KafkaRemediationCommands(acknowledgedSender, properties.topics().remediationCommands(),
                properties.writeTimeout());
    }

    @Bean
    NewTopic notifierIncidentsTopic(NotifierProperties properties) {
        return topic(properties.topics().incidents(), properties.topics())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                // a version younger than the read model's history is never compacted away, so a reopened incident
                // keeps its earlier acknowledgement and resolution in every replica's timeline
                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Topics.HISTORY_MS)
                .build();
    }

    @Bean
    NewTopic notifierCommandsTopic(NotifierProperties properties) {
        return topic(properties.topics().commands(), properties.topics()).build();
    }

    @Bean
    NewTopic notifierNotificationsTopic(NotifierProperties properties) {
        return topic(properties.topics().notifications(), properties.topics())
                .config(TopicConfig.RETENTION_MS_CONFIG, Topics.HISTORY_MS).build();
    }

    @Bean
    NewTopic notifierCommandsDeadLetterTopic(NotifierProperties properties) {
        return topic(Topics.deadLetter(properties.topics().commands()), properties.topics()).build();
    }

    @Bean
    NewTopic notifierAlertsDeadLetterTopic(NotifierProperties properties) {
        return topic(Topics.deadLetter(properties.topics().alerts()), properties.topics()).build();
    }

    @Bean
    NewTopic notifierRemediationsDeadLetterTopic(NotifierProperties properties) {
        return topic(Topics.deadLetter(properties.topics().remediations()), properties.topics()).build();
    }

    private static TopicBuilder topic(String name, NotifierProperties.TopicNames topics) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(topics.partitions());
        if (topics.replicas() > 0) {
            builder.replicas(topics.replicas());
        }
        return builder;
    }
}
