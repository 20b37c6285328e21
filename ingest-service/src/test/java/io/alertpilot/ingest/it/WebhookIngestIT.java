package io.alertpilot.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.testing.TopicConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The webhook contract against the in-JVM KRaft broker: runs on every machine. */
@EmbeddedKafka(partitions = 1)
class WebhookIngestIT extends WebhookIngestContract {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ApplicationContext context;

    @Override
    String bootstrapServers() {
        return brokers;
    }

    @Test
    void declaresItsOwnTopicsButNotTheMaintenanceTopicsItNeverUses() {
        assertThat(context.getBeansOfType(NewTopic.class).values()).extracting(NewTopic::name)
                .contains(Topics.ALERTS)
                .doesNotContain(Topics.MAINTENANCE_WINDOWS, Topics.MAINTENANCE_EVENTS);
        assertThat(TopicConfigs.read(brokers, Topics.ALERTS)).as("the read model's 30 days of history")
                .containsEntry("retention.ms", Topics.HISTORY_MS);
    }
}
