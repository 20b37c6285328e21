package io.alertpilot.remediation.report;

import static io.alertpilot.support.kafka.SecuredKafkaCluster.assertSecured;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.kafka.SecuredKafkaCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaLedgerSettingsTest {

    @Test
    void theLedgerReaderGetsTheSecurityAndSslSettingsAndAnsweringFetches() {
        SecuredKafkaCluster.services().run(context -> {
            Map<String, Object> config = KafkaLedger.consumerConfig(context.getBean(KafkaClientSettings.class));

            assertSecured(config);
            assertThat(config).doesNotContainKey("group.id")
                    .containsEntry("auto.offset.reset", "earliest")
                    .containsEntry("fetch.max.wait.ms", 10);
        });
    }
}
