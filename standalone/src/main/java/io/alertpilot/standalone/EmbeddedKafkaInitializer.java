package io.alertpilot.standalone;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts standalone's one-node KRaft Kafka broker ({@link StandaloneBroker}) in this JVM before any service connects,
 * points {@code spring.kafka.bootstrap-servers} at it, and stops it after everything else when the application
 * closes.
 *
 * <p>Its data lives in {@code <alertpilot.standalone.data-dir>/kafka} (default {@code ./alertpilot-data}; also
 * {@code --data-dir=<path>} or {@code ALERTPILOT_DATA_DIR}, see application.yml), so incidents, remediation history,
 * guard state and maintenance windows survive a restart and a {@code kill -9}; deleting the directory while stopped
 * starts afresh. The broker listens on 127.0.0.1 only, at {@code alertpilot.standalone.kafka.port} (default 9092, 0
 * for any free port). {@code alertpilot.standalone.kafka.enabled=false} uses the broker in
 * {@code spring.kafka.bootstrap-servers} instead.
 */
public class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String DATA_DIR = "alertpilot.standalone.data-dir";
    static final String DEFAULT_DATA_DIR = "./alertpilot-data";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty("alertpilot.standalone.kafka.enabled", Boolean.class, true)) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty(DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        int port = environment.getProperty("alertpilot.standalone.kafka.port", Integer.class, 9092);
        int partitions = environment.getProperty("alertpilot.standalone.kafka.partitions", Integer.class, 3);
        long started = System.nanoTime();
        StandaloneBroker broker = StandaloneBroker.start(dataDir, port, partitions);
        log.info("Embedded Kafka broker (KRaft) started in {} ms on {} ({} storage); data in {}; delete it while "
                + "stopped to start afresh", (System.nanoTime() - started) / 1_000_000, broker.bootstrapServers(),
                broker.formatted() ? "new" : "existing", dataDir);
        environment.getPropertySources().addFirst(new MapPropertySource("alertpilotEmbeddedKafka",
                Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers())));
        // registered first, so destroyed last: every consumer and producer has closed before the broker stops
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("alertpilotEmbeddedKafkaBroker",
                () -> {
                    log.info("Stopping the embedded Kafka broker");
                    broker.close();
                    log.info("Embedded Kafka broker stopped; data kept in {}", dataDir);
                });
    }
}
