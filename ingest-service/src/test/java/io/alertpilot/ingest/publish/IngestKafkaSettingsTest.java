package io.alertpilot.ingest.publish;

import static io.alertpilot.support.kafka.SecuredKafkaCluster.assertSecured;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.support.kafka.SecuredKafkaCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/** Ingest's producer gets every {@code spring.kafka.*} setting, and the settings its 2xx promise depends on. */
class IngestKafkaSettingsTest {

    @EnableConfigurationProperties(IngestProperties.class)
    static class Properties {
    }

    @Test
    void theAlertProducerGetsTheSecurityAndSslSettingsAndWaitsNoLongerThanThePublishTimeout() {
        SecuredKafkaCluster.services().withUserConfiguration(Properties.class, KafkaPublishing.class)
                .withPropertyValues("alertpilot.ingest.publish-timeout=3s", "spring.kafka.producer.acks=0")
                .run(context -> {
                    Map<String, Object> config = context.getBean(DefaultKafkaProducerFactory.class)
                            .getConfigurationProperties();

                    assertSecured(config);
                    assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                            .containsEntry("max.block.ms", 3000L);
                });
    }
}
