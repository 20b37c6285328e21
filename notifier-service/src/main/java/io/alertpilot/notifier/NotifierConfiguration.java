package io.alertpilot.notifier;

import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.notifier.channel.ApprovalLinks;
import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelDispatcher;
import io.alertpilot.notifier.channel.DispatchSettings;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.NotificationAudit;
import io.alertpilot.notifier.channel.email.EmailChannel;
import io.alertpilot.notifier.channel.log.LogChannel;
import io.alertpilot.notifier.channel.opsgenie.OpsgenieChannel;
import io.alertpilot.notifier.channel.pagerduty.PagerDutyChannel;
import io.alertpilot.notifier.channel.slack.SlackAppChannel;
import io.alertpilot.notifier.channel.slack.SlackChannel;
import io.alertpilot.notifier.channel.slack.SlackWebApi;
import io.alertpilot.notifier.channel.teams.TeamsChannel;
import io.alertpilot.notifier.channel.webhook.WebhookChannel;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.policy.PolicyLibrary;
import io.alertpilot.notifier.policy.PolicyLoader;
import io.alertpilot.notifier.policy.PolicyReloader;
import io.alertpilot.notifier.incident.EscalationTicker;
import io.alertpilot.notifier.incident.IncidentForwarder;
import io.alertpilot.notifier.incident.IncidentLog;
import io.alertpilot.notifier.incident.IncidentLookup;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.notifier.incident.PagerDutyWebhookController;
import io.alertpilot.notifier.slack.SlackInteractionController;
import io.alertpilot.readmodel.ReadModelTopics;
import io.alertpilot.support.concurrent.PeriodicTask;
import io.alertpilot.support.health.BreakerStatesHealthIndicator;
import io.alertpilot.support.maintenance.KafkaMaintenanceWindows;
import io.alertpilot.support.maintenance.MaintenanceTopics;
import io.alertpilot.support.web.SelfAuthenticatedPaths;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;

/** Wires the notifier: policies, the state machine, channels behind the dispatcher, the incident service, the ticker. */
@Configuration(proxyBeanMethods = false)
@Import(MaintenanceTopics.class)
class NotifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

    @Bean
    PolicyLibrary notifierPolicies(NotifierProperties properties) {
        PolicyLibrary policies = new PolicyLibrary(new PolicyLoader(new HashSet<>(ChannelNames.ALL)),
                properties.policies().directory(), properties.policies().includeDefaults());
        log.info("Escalation policies loaded: {}", policies.current().policies().stream()
                .map(policy -> policy.name() + " (" + policy.source() + ")").toList());
        return policies;
    }

    @Bean
    PeriodicTask notifierPolicyReload(PolicyLibrary notifierPolicies, NotifierProperties properties,
            MeterRegistry registry) {
        PolicyReloader reloader = new PolicyReloader(notifierPolicies, registry);
        return new PeriodicTask("notifier-policy-reload", properties.policies().reloadInterval(), reloader::reload);
    }

    @Bean
    IncidentMachine notifierIncidentMachine(PolicyLibrary notifierPolicies, NotifierProperties properties,
            ObjectProvider<KafkaMaintenanceWindows> maintenanceWindows, MeterRegistry registry) {
        KafkaMaintenanceWindows windows = maintenanceWindows.getIfAvailable();
        MaintenanceWindows paging = MaintenanceWindows.NONE;
        if (windows != null) {
            paging = new PagingWindows(windows::current, registry);
        }
        return new IncidentMachine(notifierPolicies::current, properties.decisionWindow(),
                properties.remediationGrace(), paging);
    }

    /**
     * Reads the window topic in the background once the application has started: start-up and pages never wait for
     * it, and by then the topics are declared (a read from a bean factory would make the broker create the topic with
     * its own default partition count first).
     */
    @Bean
    ApplicationListener<ApplicationStartedEvent> notifierMaintenanceWindowsReader(
            ObjectProvider<KafkaMaintenanceWindows> maintenanceWindows) {
        return started -> maintenanceWindows.ifAvailable(KafkaMaintenanceWindows::keepRunning);
    }

    @Bean
    NotifierMetrics notifierMetrics(MeterRegistry registry, ObjectProvider<IncidentService> notifierIncidentService) {
        return new NotifierMetrics(registry, () -> notifierIncidentService.getObject().countByState());
    }

    @Bean
    ChannelDispatcher notifierChannelDispatcher(NotifierProperties properties, NotifierSecrets secrets,
            NotificationAudit notifierNotificationAudit, ObjectProvider<JavaMailSender> mailSender, Clock clock,
            MeterRegistry registry, SlackWebApi notifierSlackWebApi) {
        NotifierProperties.Channels settings = properties.channels();
        HttpSender http = new HttpSender(settings.connectTimeout(), settings.requestTimeout());
        List<Channel> channels = List.of(
                new PagerDutyChannel(http, settings.pagerdutyUrl(), secrets.getPagerduty().getRoutingKeys(),
                        settings.clientUrl()),
                new OpsgenieChannel(http, settings.opsgenieUrl(), secrets.getOpsgenie().getApiKey()),
                new SlackChannel(http, secrets.getSlack().getUrls()),
                new SlackAppChannel(notifierSlackWebApi),
                new TeamsChannel(http, secrets.getTeams().getUrls()),
                new EmailChannel(mailSender::getIfAvailable, settings.emailFrom()),
                new WebhookChannel(http, secrets.getWebhook().getUrls(), secrets.getWebhook().getToken()),
                new LogChannel());
        NotifierProperties.Delivery delivery = properties.delivery();
        ApprovalLinks links = new ApprovalLinks(properties.links().consoleUrl(), properties.links().apiUrl());
        if (links.apiOnlyInsideCluster()) {
            log.warn("alertpilot.notifier.links.api-url={} is an address inside the cluster: people paged from outside "
                    + "it cannot run the approve curl; set it to the remediation API's public address",
                    properties.links().apiUrl());
        }
        ChannelDispatcher dispatcher = new ChannelDispatcher(channels, new DispatchSettings(delivery.maxAttempts(),
                delivery.initialBackoff(), delivery.maxBackoff(), delivery.maxRetryAfter(), delivery.breakerWindow(),
                delivery.breakerMinimumCalls(), delivery.breakerFailureRate(), delivery.breakerOpenFor()),
                notifierNotificationAudit, clock, links);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(dispatcher.breakerRegistry()).bindTo(registry);
        for (Channel channel : channels) {
            if (!channel.name().equals(ChannelNames.LOG)) {
                log.info("Channel {}: {}", channel.name(), secretsSummary(channel.name(), secrets, mailSender));
            }
        }
        return dispatcher;
    }

    private static String secretsSummary(String channel, NotifierSecrets secrets,
            ObjectProvider<JavaMailSender> mailSender) {
        return switch (channel) {
            case ChannelNames.PAGERDUTY -> "routing keys " + secrets.getPagerduty().getRoutingKeys().keySet();
            case ChannelNames.OPSGENIE -> secrets.getOpsgenie().getApiKey() == null ? "not configured" : "API key set";
            case ChannelNames.SLACK -> "webhooks " + secrets.getSlack().getUrls().keySet();
            case ChannelNames.SLACK_APP -> String.valueOf(secrets.getSlackApp());
            case ChannelNames.TEAMS -> "webhooks " + secrets.getTeams().getUrls().keySet();
            case ChannelNames.WEBHOOK -> "webhooks " + secrets.getWebhook().getUrls().keySet();
            case ChannelNames.EMAIL -> mailSender.getIfAvailable() == null ? "no mail server (spring.mail.host)"
                    : "mail server configured";
            default -> "";
        };
    }

    @Bean
    IncidentService notifierIncidentService(IncidentMachine notifierIncidentMachine, IncidentLog notifierIncidentLog,
            ChannelDispatcher notifierChannelDispatcher, IncidentForwarder notifierIncidentForwarder,
            IncidentLookup notifierIncidentLookup, Clock clock) {
        // not a bean: an Executor bean would make Spring Boot's applicationTaskExecutor back off for every service
        ExecutorService sends = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("notifier-send-", 0).factory());
        return new IncidentService(notifierIncidentMachine, notifierIncidentLog, notifierChannelDispatcher,
                notifierIncidentForwarder, notifierIncidentLookup, clock, sends);
    }

    @Bean
    EscalationTicker notifierEscalationTicker(IncidentService notifierIncidentService, NotifierProperties properties) {
        return new EscalationTicker(notifierIncidentService, properties.tickInterval());
    }

    /** The incident topic in the read model the incident API answers from (the same on every replica). */
    @Bean
    ReadModelTopics notifierReadModelTopics(NotifierProperties properties) {
        return new ReadModelTopics(Map.of(ReadModelTopics.Kind.INCIDENTS, properties.topics().incidents()));
    }

    /** Health component {@code channelBreakers}: each channel's breaker state; always UP. */
    @Bean
    BreakerStatesHealthIndicator channelBreakersHealthIndicator(ChannelDispatcher notifierChannelDispatcher) {
        return new BreakerStatesHealthIndicator(notifierChannelDispatcher::breakerStates);
    }

    @Bean
    SelfAuthenticatedPaths notifierSelfAuthenticatedPaths() {
        return new SelfAuthenticatedPaths(List.of(PagerDutyWebhookController.PATH, SlackInteractionController.PATH));
    }
}
