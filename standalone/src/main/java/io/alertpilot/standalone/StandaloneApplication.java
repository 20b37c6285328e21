package io.alertpilot.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Every AlertPilot service in one JVM, sharing one HTTP port on 127.0.0.1, with an embedded KRaft Kafka broker on
 * {@code localhost:9092}: for trying AlertPilot on a laptop, never for production.
 */
@SpringBootApplication(scanBasePackages = "io.alertpilot")
@ConfigurationPropertiesScan("io.alertpilot")
public class StandaloneApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StandaloneApplication.class);
        application.addInitializers(new DevelopmentTokenAddress(), new EmbeddedKafkaInitializer());
        application.run(args);
    }
}
