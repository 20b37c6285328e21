package io.alertpilot.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.support.SupportAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * A Kafka cluster with TLS and SASL as an operator configures it ({@code spring.kafka.security.*},
 * {@code spring.kafka.ssl.*}, {@code spring.kafka.properties.*}), for the tests that show every client of a service
 * gets those settings. Shipped in service-support's test-jar.
 */
public final class SecuredKafkaCluster {

    /** The settings, as {@code name=value}. */
    public static final List<String> PROPERTIES = List.of(
            "spring.kafka.bootstrap-servers=kafka-0.kafka:9093,kafka-1.kafka:9093",
            "spring.kafka.security.protocol=SASL_SSL",
            "spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12",
            "spring.kafka.ssl.trust-store-password=trust-secret",
            "spring.kafka.ssl.trust-store-type=PKCS12",
            "spring.kafka.ssl.protocol=TLSv1.3",
            "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
            "spring.kafka.properties.ssl.endpoint.identification.algorithm=https",
            // no topic creation at start-up: nothing here connects
            "spring.kafka.admin.auto-create=false");

    private SecuredKafkaCluster() {
    }

    /**
     * Spring Boot's Kafka auto-configuration and service-support's, as every service runs them, configured for this
     * cluster. The Kafka health indicator, which would open an admin client at once, is left out.
     */
    public static ApplicationContextRunner services() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SupportAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .withBean("kafkaHealthIndicator", Object.class, Object::new)
                .withPropertyValues(PROPERTIES.toArray(String[]::new));
    }

    /** Asserts that a client's {@code config} has every setting of this cluster. */
    public static void assertSecured(Map<String, Object> config) {
        assertThat(config)
                .containsEntry("bootstrap.servers", List.of("kafka-0.kafka:9093", "kafka-1.kafka:9093"))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.password", "trust-secret")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.protocol", "TLSv1.3")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
    }

    /**
     * Asserts that Spring Boot's producer in {@code context}, the one behind the acknowledged sender, has every setting
     * of this cluster and AlertPilot's guarantees ({@code acks=all}, idempotence); returns its configuration.
     */
    public static Map<String, Object> assertProducerSecured(AssertableApplicationContext context) {
        Map<String, Object> config = context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties();
        assertSecured(config);
        assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
        return config;
    }
}
