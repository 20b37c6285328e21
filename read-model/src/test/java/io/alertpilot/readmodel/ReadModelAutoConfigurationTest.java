package io.alertpilot.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.support.kafka.InJvmBroker;
import io.alertpilot.support.kafka.KafkaClientSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ReadModelAutoConfigurationTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReadModelAutoConfiguration.class))
            .withBean(KafkaClientSettings.class, () -> InJvmBroker.settingsFor("127.0.0.1:1"));

    @Test
    void noModuleAsksForTopicsSoThereIsNoReadModel() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ReadModel.class)
                .doesNotHaveBean(ReadModelFollower.class));
    }

    @Test
    void oneReadModelFollowsTheUnionOfTheTopicsTheModulesAskFor() {
        runner.withBean("notifierTopics", ReadModelTopics.class,
                        () -> new ReadModelTopics(Map.of(ReadModelTopics.Kind.INCIDENTS, Topics.INCIDENTS)))
                .withBean("remediationTopics", ReadModelTopics.class,
                        () -> new ReadModelTopics(Map.of(ReadModelTopics.Kind.REMEDIATIONS, Topics.REMEDIATIONS,
                                ReadModelTopics.Kind.INCIDENTS, Topics.INCIDENTS)))
                .withPropertyValues("alertpilot.read-model.retention=7d", "alertpilot.read-model.max-events=2000")
                .run(context -> {
                    assertThat(context).hasSingleBean(ReadModel.class).hasSingleBean(ReadModelFollower.class);
                    assertThat(context.getBean(ReadModelFollower.class).topics()).isEqualTo(Map.of(
                            Topics.INCIDENTS, ReadModelTopics.Kind.INCIDENTS,
                            Topics.REMEDIATIONS, ReadModelTopics.Kind.REMEDIATIONS));
                    assertThat(context.getBean(ReadModelProperties.class).maxEvents()).isEqualTo(2000);
                    // not started before the application has started: not followed, so not healthy
                    assertThat(context.getBean("readModelHealthIndicator", ReadModelHealthIndicator.class).health()
                            .getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void aMaxEventsBelowTheMinimumFailsStartUpNamingTheProperty() {
        runner.withBean(ReadModelTopics.class, () -> new ReadModelTopics(Map.of()))
                .withPropertyValues("alertpilot.read-model.max-events=10")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("maxEvents"));
    }
}
