package io.alertpilot.support;

import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.DeadLetters;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.kafka.KafkaHealthIndicator;
import io.alertpilot.support.kafka.KafkaMembershipProperties;
import io.alertpilot.support.maintenance.KafkaMaintenanceWindows;
import io.alertpilot.support.maintenance.MaintenanceProperties;
import io.alertpilot.support.maintenance.MaintenanceWindowsHealthIndicator;
import io.alertpilot.support.web.ApiAuthProperties;
import io.alertpilot.support.web.ApiAuthenticationFilter;
import io.alertpilot.support.web.ApiUsers;
import io.alertpilot.support.web.ApiUsersProperties;
import io.alertpilot.support.web.ConfiguredApiUsers;
import io.alertpilot.support.web.SelfAuthenticatedPaths;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires what every service shares, once, also when several services run in one JVM: the UTC clock, Kafka's health
 * indicator ({@code kafka}), the Kafka client settings (and the producer guarantees they force on Spring Boot's own
 * producer), the acknowledged sender, the dead-letter error handlers, the maintenance windows (one reader of their
 * topic per JVM, however many services run in it, and its health; their topics are declared by
 * {@link io.alertpilot.support.maintenance.MaintenanceTopics}, which only the services using windows import), the API
 * users ({@link ApiUsers}: one bean, whatever the number of
 * services) and the API authentication filter.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ApiAuthProperties.class, ApiUsersProperties.class, MaintenanceProperties.class,
        KafkaMembershipProperties.class})
public class SupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean("kafkaHealthIndicator")
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    @Bean
    @ConditionalOnBean({KafkaProperties.class, KafkaConnectionDetails.class})
    @ConditionalOnMissingBean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka, KafkaConnectionDetails connection,
            KafkaMembershipProperties membership) {
        return new KafkaClientSettings(kafka, connection, membership.groupInstanceId());
    }

    /** {@code acks=all} and idempotence on Spring Boot's producer too, whatever {@code spring.kafka.producer.*} says. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer alertPilotProducerGuarantees() {
        return factory -> factory.updateConfigs(KafkaClientSettings.producerGuarantees());
    }

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    @ConditionalOnMissingBean
    AcknowledgedSender acknowledgedSender(KafkaTemplate<String, Object> kafkaTemplate) {
        return new AcknowledgedSender(kafkaTemplate);
    }

    @Bean
    @ConditionalOnBean({KafkaProperties.class, KafkaConnectionDetails.class})
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaClientSettings kafkaClientSettings, MeterRegistry meterRegistry) {
        return new DeadLetters(kafkaClientSettings, meterRegistry);
    }

    /** The operators of {@code alertpilot.api.users.*} and the shared credentials of {@code alertpilot.api.auth}. */
    @Bean
    @ConditionalOnMissingBean
    ConfiguredApiUsers apiUsers(ApiAuthProperties properties, ApiUsersProperties users) {
        return new ConfiguredApiUsers(properties, users);
    }

    @Bean
    @ConditionalOnBean({KafkaClientSettings.class, AcknowledgedSender.class})
    @ConditionalOnMissingBean
    KafkaMaintenanceWindows maintenanceWindows(KafkaClientSettings kafkaClientSettings,
            AcknowledgedSender acknowledgedSender, MaintenanceProperties properties, MeterRegistry meterRegistry) {
        return new KafkaMaintenanceWindows(kafkaClientSettings, acknowledgedSender, properties, meterRegistry);
    }

    @Bean("maintenanceWindowsHealthIndicator")
    @ConditionalOnBean(KafkaMaintenanceWindows.class)
    @ConditionalOnMissingBean(name = "maintenanceWindowsHealthIndicator")
    MaintenanceWindowsHealthIndicator maintenanceWindowsHealthIndicator(KafkaMaintenanceWindows maintenanceWindows) {
        return new MaintenanceWindowsHealthIndicator(maintenanceWindows);
    }

    @Bean
    @ConditionalOnWebApplication
    ApiAuthenticationFilter apiAuthenticationFilter(ApiAuthProperties properties, ConfiguredApiUsers users,
            ObjectProvider<SelfAuthenticatedPaths> selfAuthenticated) {
        return new ApiAuthenticationFilter(properties, users, selfAuthenticated.orderedStream().toList());
    }
}
