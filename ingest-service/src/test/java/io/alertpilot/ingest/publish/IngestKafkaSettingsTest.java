package io.alertpilot.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.support.kafka.SecuredKafkaCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Ingest's producer gets every {@code spring.kafka.*} setting, and the settings its 2xx promise depends on. */
class IngestKafkaSettingsTest {

    @EnableConfigurationProperties(IngestProperties.class)
    static class Properties {
    }

    @Test
    void theAlertProducerGetsTheSecurityAndSslSettingsAndWaitsNoLongerThanThePublishTimeout() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class, KafkaPublishing.class)
                .withPropertyValues("alertpilot.ingest.publish-timeout=3s", "spring.kafka.producer.acks=0")
                .run(context -> assertThat(SecuredKafkaCluster.assertProducerSecured(context))
                        .containsEntry("max.block.ms", 3000L));
    }
}
