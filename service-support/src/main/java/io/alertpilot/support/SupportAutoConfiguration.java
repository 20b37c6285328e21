package io.alertpilot.support;

import io.alertpilot.support.kafka.KafkaHealthIndicator;
import io.alertpilot.support.web.ApiAuthProperties;
import io.alertpilot.support.web.ApiAuthenticationFilter;
import io.alertpilot.support.web.SelfAuthenticatedPaths;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires what every service shares, once, also when several services run in one JVM: the UTC clock, Kafka's health
 * indicator ({@code kafka}) and the API authentication filter.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ApiAuthProperties.class)
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
    @ConditionalOnWebApplication
    ApiAuthenticationFilter apiAuthenticationFilter(ApiAuthProperties properties,
            ObjectProvider<SelfAuthenticatedPaths> selfAuthenticated) {
        return new ApiAuthenticationFilter(properties, selfAuthenticated.orderedStream().toList());
    }
}
