package io.alertpilot.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.support.SupportAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

class KafkaClientSettingsTest {

    /** Spring Boot with service-support, as every service runs it, with {@code properties} set. */
    static ApplicationContextRunner services(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SupportAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .withPropertyValues(properties);
    }

    @Test
    void consumersGetEverySecuritySslAndSaslSetting() {
        SecuredKafkaCluster.services().run(context -> {
            KafkaClientSettings settings = context.getBean(KafkaClientSettings.class);

            for (Map<String, Object> consumer : List.of(settings.reader(), settings.groupMember("alertpilot-x"))) {
                SecuredKafkaCluster.assertSecured(consumer);
            }
        });
    }

    @Test
    void producersGetEverySecuritySslAndSaslSetting() {
        SecuredKafkaCluster.services().run(context -> {
            SecuredKafkaCluster.assertSecured(context.getBean(KafkaClientSettings.class).producer());
            SecuredKafkaCluster.assertProducerSecured(context);
        });
    }

    @Test
    void alertPilotsOwnConsumerSettingsWinOverConfiguration() {
        services("spring.kafka.consumer.enable-auto-commit=true", "spring.kafka.consumer.group-id=shared",
                "spring.kafka.consumer.auto-offset-reset=latest", "spring.kafka.consumer.max-poll-records=7",
                "spring.kafka.consumer.isolation-level=read-uncommitted").run(context -> {
            KafkaClientSettings settings = context.getBean(KafkaClientSettings.class);

            Map<String, Object> member = settings.groupMember("alertpilot-remediation");
            assertThat(member).containsEntry("group.id", "alertpilot-remediation")
                    .containsEntry("enable.auto.commit", false)
                    .containsEntry("auto.offset.reset", "earliest")
                    .containsEntry("isolation.level", "read_committed")
                    .containsEntry("session.timeout.ms", 10_000)
                    .containsEntry("heartbeat.interval.ms", 3_000)
                    .containsEntry("max.poll.records", 7);
            assertThat(settings.reader()).doesNotContainKey("group.id").doesNotContainKey("session.timeout.ms")
                    .containsEntry("enable.auto.commit", false);
        });
    }

    @Test
    void aGroupInstanceIdMakesEveryGroupMemberStaticAndReadersStayOutsideGroups() {
        services("alertpilot.kafka.group-instance-id=alertpilot-remediation-5d8b-qk2zt").run(context -> {
            KafkaClientSettings settings = context.getBean(KafkaClientSettings.class);

            assertThat(settings.groupMember("alertpilot-remediation"))
                    .containsEntry("group.instance.id", "alertpilot-remediation-5d8b-qk2zt");
            assertThat(settings.groupMember("alertpilot-notifier", "incidents"))
                    .containsEntry("group.instance.id", "alertpilot-remediation-5d8b-qk2zt-incidents");
            assertThat(settings.reader()).doesNotContainKey("group.instance.id");
        });
        services().run(context -> assertThat(context.getBean(KafkaClientSettings.class)
                .groupMember("alertpilot-remediation", "alerts")).doesNotContainKey("group.instance.id"));
    }

    @Test
    void everyProducerAcknowledgesFromAllReplicasWithoutDuplicates() {
        services("spring.kafka.producer.acks=1", "spring.kafka.producer.properties.enable.idempotence=false",
                "spring.kafka.producer.transaction-id-prefix=tx-", "spring.kafka.producer.properties.linger.ms=0")
                .run(context -> {
                    Map<String, Object> own = context.getBean(KafkaClientSettings.class).producer();
                    Map<String, Object> boots = context.getBean(DefaultKafkaProducerFactory.class)
                            .getConfigurationProperties();

                    for (Map<String, Object> producer : List.of(own, boots)) {
                        assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                                .containsEntry("linger.ms", "0");
                    }
                    assertThat(own).doesNotContainKey("transactional.id");
                });
    }
}
