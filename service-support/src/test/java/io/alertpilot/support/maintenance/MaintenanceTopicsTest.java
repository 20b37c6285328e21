package io.alertpilot.support.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.support.SupportAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Who declares the maintenance topics: the services that import {@link MaintenanceTopics}, nobody else. */
class MaintenanceTopicsTest {

    private final ApplicationContextRunner services = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SupportAutoConfiguration.class))
            .withBean(SimpleMeterRegistry.class)
            .withPropertyValues("alertpilot.maintenance.replicas=3", "spring.kafka.admin.auto-create=false");

    @Test
    void aServiceWithServiceSupportAloneAsIngestDeclaresNoMaintenanceTopic() {
        services.run(context -> assertThat(context.getBeansOfType(NewTopic.class)).isEmpty());
    }

    @Test
    void aServiceThatImportsThemDeclaresBothOnceWithTheConfiguredReplicas() {
        services.withUserConfiguration(MaintenanceTopics.class, MaintenanceTopics.class).run(context -> {
            Map<String, NewTopic> topics = context.getBeansOfType(NewTopic.class).values().stream()
                    .collect(Collectors.toMap(NewTopic::name, t -> t));
            assertThat(topics).containsOnlyKeys(Topics.MAINTENANCE_WINDOWS, Topics.MAINTENANCE_EVENTS);
            assertThat(topics.values()).allSatisfy(t -> {
                assertThat(t.numPartitions()).isEqualTo(1);
                assertThat(t.replicationFactor()).isEqualTo((short) 3);
            });
            assertThat(topics.get(Topics.MAINTENANCE_WINDOWS).configs()).containsEntry("cleanup.policy", "compact");
            assertThat(topics.get(Topics.MAINTENANCE_EVENTS).configs())
                    .containsEntry("retention.ms", String.valueOf(Duration.ofDays(30).toMillis()));
        });
    }
}
