package io.alertpilot.console;

import io.alertpilot.readmodel.ReadModelTopics;
import io.alertpilot.readmodel.ReadModelTopics.Kind;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's part of the read model: every kind of topic, by its configured name. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    ReadModelTopics consoleReadModelTopics(ConsoleProperties properties) {
        ConsoleProperties.TopicNames names = properties.topics();
        return new ReadModelTopics(Map.of(
                Kind.ALERTS, names.alerts(),
                Kind.REMEDIATIONS, names.remediations(),
                Kind.REMEDIATION_COMMANDS, names.remediationCommands(),
                Kind.INCIDENTS, names.incidents(),
                Kind.NOTIFICATIONS, names.notifications(),
                Kind.MAINTENANCE_WINDOWS, names.maintenanceWindows(),
                Kind.MAINTENANCE_EVENTS, names.maintenanceEvents()));
    }
}
