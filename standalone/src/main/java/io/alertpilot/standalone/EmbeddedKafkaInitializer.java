package io.alertpilot.standalone;

import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts a one-node KRaft Kafka broker in this JVM before any service connects, points
 * {@code spring.kafka.bootstrap-servers} at it, and stops it after everything else when the application closes. Its data lives in a
 * temporary directory and is gone after a restart.
 *
 * <p>The broker serves connections from this machine only: the bootstrap port listens on loopback, and the broker closes
 * a connection from any other address at once. {@code alertpilot.standalone.kafka.port} chooses the bootstrap port
 * (default 9092, 0 for any free port);
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
        // the KRaft test kit binds a random port whatever it is told: a forwarder gives local tools the fixed one
        int port = environment.getProperty("alertpilot.standalone.kafka.port", Integer.class, 9092);
        int partitions = environment.getProperty("alertpilot.standalone.kafka.partitions", Integer.class, 3);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        // the test kit binds the broker's ports on every interface: Kafka's per-address connection limit of 0, with
        // loopback exempt, closes any connection from another address before it is read
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "max.connections.per.ip", "0",
                "max.connections.per.ip.overrides", "127.0.0.1:10000,localhost:10000"));
        broker.afterPropertiesSet();
        String servers = broker.getBrokersAsString();
        BootstrapForwarder forwarder = forward(port, servers);
        log.info("Embedded Kafka broker (KRaft) started: bootstrap localhost:{} (broker at {})",
                forwarder == null ? port(servers) : forwarder.port(), servers);
        environment.getPropertySources().addFirst(new MapPropertySource("alertpilotEmbeddedKafka",
                Map.of("spring.kafka.bootstrap-servers", servers)));
        // registered first, so destroyed last: every consumer and producer has closed before the broker stops
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("alertpilotEmbeddedKafkaBroker",
                () -> {
                    log.info("Stopping the embedded Kafka broker");
                    closeQuietly(forwarder);
                    broker.destroy();
                });
    }

    private static BootstrapForwarder forward(int port, String servers) {
        if (port <= 0 || port == port(servers)) {
            return null;
        }
        try {
            return BootstrapForwarder.start(port, port(servers));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on localhost:" + port + " for the embedded Kafka broker ("
                    + e.getMessage() + "); set alertpilot.standalone.kafka.port to a free port", e);
        }
    }

    private static int port(String servers) {
        String first = servers.split(",")[0];
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }

    private static void closeQuietly(BootstrapForwarder forwarder) {
        if (forwarder != null) {
            try {
                forwarder.close();
            } catch (IOException e) {
                log.debug("closing the Kafka bootstrap forwarder: {}", e.getMessage());
            }
        }
    }
}
