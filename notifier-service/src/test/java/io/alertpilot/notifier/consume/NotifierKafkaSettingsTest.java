package io.alertpilot.notifier.consume;

import static io.alertpilot.support.kafka.SecuredKafkaCluster.assertSecured;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.NotifierProperties;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.kafka.SecuredKafkaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The notifier's Kafka clients get every {@code spring.kafka.*} setting: security protocol, SSL, SASL. */
class NotifierKafkaSettingsTest {

    @EnableConfigurationProperties(NotifierProperties.class)
    static class Properties {
    }

    @Test
    void consumersOfTheNotifierGroupGetTheSecurityAndSslSettings() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class).run(context -> {
            Map<String, Object> config = NotifierKafkaConfiguration.consumerFactory(
                    context.getBean(KafkaClientSettings.class), context.getBean(NotifierProperties.class),
                    "remediations", JsonSerde.of(RemediationEvent.class).deserializer(), new SimpleMeterRegistry())
                    .getConfigurationProperties();

            assertSecured(config);
            assertThat(config).containsEntry("group.id", "alertpilot-notifier")
                    .containsEntry("session.timeout.ms", 10_000)
                    .containsEntry("enable.auto.commit", false)
                    .containsEntry("partition.assignment.strategy", List.of(RangeAssignor.class.getName()))
                    .containsEntry("max.poll.records", 100)
                    .doesNotContainKey("group.instance.id");
        });
    }

    @Test
    void withAGroupInstanceIdBothContainersAreStaticMembersThatDoNotFenceEachOther() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class)
                .withPropertyValues("alertpilot.kafka.group-instance-id=alertpilot-notifier-7c9f-x2v4q")
                .run(context -> {
                    KafkaClientSettings settings = context.getBean(KafkaClientSettings.class);
                    NotifierProperties properties = context.getBean(NotifierProperties.class);

                    assertThat(NotifierKafkaConfiguration.consumerConfig(settings, properties, "incidents"))
                            .containsEntry("group.id", "alertpilot-notifier")
                            .containsEntry("group.instance.id", "alertpilot-notifier-7c9f-x2v4q-incidents");
                    assertThat(NotifierKafkaConfiguration.consumerConfig(settings, properties, "remediations"))
                            .containsEntry("group.id", "alertpilot-notifier")
                            .containsEntry("group.instance.id", "alertpilot-notifier-7c9f-x2v4q-remediations");
                });
    }

    @Test
    void theIncidentRestoreReaderGetsTheSecurityAndSslSettings() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class).run(context -> {
            Map<String, Object> config = NotifierKafkaConfiguration.restoreConfig(
                    context.getBean(KafkaClientSettings.class), context.getBean(NotifierProperties.class));

            assertSecured(config);
            assertThat(config).doesNotContainKey("group.id")
                    .containsEntry("client.id", "alertpilot-notifier-restore")
                    .containsEntry("max.poll.records", 1000);
        });
    }

    @Test
    void theProducerOfIncidentsCommandsAndAuditGetsTheSecurityAndSslSettings() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class)
                .run(SecuredKafkaCluster::assertProducerSecured);
    }
}
