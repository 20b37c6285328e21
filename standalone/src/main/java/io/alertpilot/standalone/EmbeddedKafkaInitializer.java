package io.alertpilot.standalone;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts a one-node KRaft Kafka broker in this JVM before any service connects, points
 * {@code spring.kafka.bootstrap-servers} at it, and stops it when the application closes. Its data lives in a
 * temporary directory and is gone after a restart.
 *
 * <p>{@code alertpilot.standalone.kafka.port} chooses the port (default 9092, 0 for any free port);
 * {@code alertpilot.standalone.kafka.enabled=false} uses the broker in {@code spring.kafka.bootstrap-servers} instead.
 */
public class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty("alertpilot.standalone.kafka.enabled", Boolean.class, true)) {
            return;
        }
        int port = environment.getProperty("alertpilot.standalone.kafka.port", Integer.class, 9092);
        int partitions = environment.getProperty("alertpilot.standalone.kafka.partitions", Integer.class, 3);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.kafkaPorts(port);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        String servers = broker.getBrokersAsString();
        log.info("Embedded Kafka broker (KRaft) started on {}", servers);
        environment.getPropertySources().addFirst(new MapPropertySource("alertpilotEmbeddedKafka",
                Map.of("spring.kafka.bootstrap-servers", servers)));
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                log.info("Stopping the embedded Kafka broker");
                broker.destroy();
            }
        });
    }
}
