package io.alertpilot.remediation.consume;

import static io.alertpilot.support.kafka.SecuredKafkaCluster.assertSecured;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.kafka.SecuredKafkaCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The remediation service's Kafka clients get every {@code spring.kafka.*} setting: security protocol, SSL, SASL. */
class RemediationKafkaSettingsTest {

    @EnableConfigurationProperties(RemediationProperties.class)
    static class Properties {
    }

    @Test
    void theAlertConsumerGetsTheSecurityAndSslSettings() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class).run(context -> {
            Map<String, Object> config = new RemediationKafkaConfiguration().remediationConsumerFactory(
                    context.getBean(KafkaClientSettings.class), context.getBean(RemediationProperties.class),
                    new SimpleMeterRegistry()).getConfigurationProperties();

            assertSecured(config);
            assertThat(config).containsEntry("group.id", "alertpilot-remediation")
                    .containsEntry("session.timeout.ms", 10_000)
                    .containsEntry("max.poll.records", 50);
        });
    }

    @Test
    void theProducerOfEventsAndLedgerWritesGetsTheSecurityAndSslSettings() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class)
                .run(SecuredKafkaCluster::assertProducerSecured);
    }
}
