package io.alertpilot.readmodel;

import io.alertpilot.support.SupportAutoConfiguration;
import io.alertpilot.support.concurrent.PeriodicTask;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The JVM's one read model, when at least one module declares the {@link ReadModelTopics} it wants: the
 * {@link ReadModel}, its {@link ReadModelFollower} of the union of those topics (started once the application has
 * started, so the services have declared their topics by then; stopped with the context), its health
 * ({@code readModel}), its meters ({@code alertpilot.read-model.events}, {@code alertpilot.read-model.unreadable}) and
 * a prune of what the retention no longer covers, every minute.
 */
@AutoConfiguration(after = SupportAutoConfiguration.class)
@ConditionalOnBean(ReadModelTopics.class)
@EnableConfigurationProperties(ReadModelProperties.class)
public class ReadModelAutoConfiguration {

    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

    @Bean
    @ConditionalOnMissingBean
    ReadModel readModel(ObjectProvider<Clock> clock, ReadModelProperties properties) {
        return new ReadModel(clock.getIfAvailable(Clock::systemUTC), properties.retention(), properties.maxEvents());
    }

    @Bean
    PeriodicTask readModelPrune(ReadModel readModel) {
        return new PeriodicTask("read-model-prune", PRUNE_INTERVAL, readModel::prune);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(KafkaClientSettings.class)
    @ConditionalOnMissingBean
    ReadModelFollower readModelFollower(KafkaClientSettings kafkaClientSettings, ObjectProvider<ReadModelTopics> topics,
            ReadModel readModel, ReadModelProperties properties, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meterRegistry) {
        return new ReadModelFollower(kafkaClientSettings, topics.orderedStream().toList(), readModel,
                properties.retention(), clock.getIfAvailable(Clock::systemUTC),
                meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBean(ReadModelFollower.class)
    ApplicationListener<ApplicationStartedEvent> readModelFollowerStart(ReadModelFollower readModelFollower) {
        return started -> readModelFollower.start();
    }

    @Bean("readModelHealthIndicator")
    @ConditionalOnBean(ReadModelFollower.class)
    @ConditionalOnMissingBean(name = "readModelHealthIndicator")
    ReadModelHealthIndicator readModelHealthIndicator(ReadModelFollower readModelFollower, ReadModel readModel) {
        return new ReadModelHealthIndicator(readModelFollower, readModel);
    }
}
