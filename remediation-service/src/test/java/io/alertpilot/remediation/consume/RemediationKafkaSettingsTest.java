package io.alertpilot.remediation.consume;

import static io.alertpilot.support.kafka.SecuredKafkaCluster.assertSecured;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.support.kafka.DeadLetters;
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
                    .containsEntry("max.poll.records", 200)
                    .doesNotContainKey("group.instance.id");
        });
    }

    @Test
    void withAGroupInstanceIdTheAlertAndCommandConsumersAreStaticMembers() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class)
                .withPropertyValues("alertpilot.kafka.group-instance-id=alertpilot-remediation-5d8b-qk2zt")
                .run(context -> {
                    KafkaClientSettings settings = context.getBean(KafkaClientSettings.class);
                    RemediationProperties properties = context.getBean(RemediationProperties.class);

                    // one id per group: spring-kafka adds -0, -1, ... per consumer thread of the container
                    assertThat(RemediationKafkaConfiguration.consumerConfig(settings, properties))
                            .containsEntry("group.instance.id", "alertpilot-remediation-5d8b-qk2zt");
                    assertThat(new RemediationCommandConsumption().remediationCommandContainerFactory(settings,
                            properties, context.getBean(DeadLetters.class)).getConsumerFactory()
                            .getConfigurationProperties())
                            .containsEntry("group.id", "alertpilot-remediation-commands")
                            .containsEntry("group.instance.id", "alertpilot-remediation-5d8b-qk2zt");
                });
    }

    @Test
    void aLockThatCouldExpireDuringVerificationIsRefusedAtStartUp() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class)
                .withPropertyValues("alertpilot.remediation.lock.ttl=5m", "alertpilot.remediation.verify.timeout=5m")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("alertpilot.remediation.lock.ttl=PT5M must be longer than "
                                + "alertpilot.remediation.verify.timeout=PT5M"));
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class)
                .withPropertyValues("alertpilot.remediation.lock.ttl=6m", "alertpilot.remediation.verify.timeout=5m")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theProducerOfEventsAndLedgerWritesGetsTheSecurityAndSslSettings() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class)
                .run(SecuredKafkaCluster::assertProducerSecured);
    }
}
