package io.alertpilot.console.web;

import io.alertpilot.console.ConsoleProperties;
import io.alertpilot.console.kafka.DeadLetterCount;
import io.alertpilot.console.kafka.GroupLag;
import io.alertpilot.console.kafka.KafkaFacts;
import io.alertpilot.console.kafka.KafkaUnavailableException;
import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.console.service.ServiceClient;
import io.alertpilot.console.service.ServiceRefusedException;
import io.alertpilot.console.service.ServiceUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The health of AlertPilot itself: the lag of the services' consumer groups, the breakers remediation (per cluster)
 * and the notifier (per channel) report in their health, and what the dead-letter topics hold.
 */
@Controller
class HealthPageController {

    /** The health components that carry breaker states, with what their names are. */
    private static final Map<String, String> BREAKER_COMPONENTS = Map.of("kubernetesBreakers", "cluster",
            "channelBreakers", "channel");

    private final KafkaFacts kafka;
    private final ServiceClient services;
    private final ConsoleProperties properties;

    HealthPageController(KafkaFacts kafka, ServiceClient services, ConsoleProperties properties) {
        this.kafka = kafka;
        this.services = services;
        this.properties = properties;
    }

    /**
     * One breaker as the page shows it.
     *
     * @param kind {@code cluster} or {@code channel}
     * @param name the cluster or channel; the health component's name when its state is unknown
     * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, or {@code unknown} when the service did not say
     */
    record Breaker(String kind, String name, String state) {
    }

    @GetMapping("/health")
    String health(@AuthenticationPrincipal ConsoleUser user, Model model) {
        List<String> problems = new ArrayList<>();
        try {
            model.addAttribute("lags", kafka.lag(properties.consumerGroups()));
            model.addAttribute("deadLetters", kafka.deadLetters());
        } catch (KafkaUnavailableException e) {
            problems.add(e.getMessage());
            model.addAttribute("lags", List.<GroupLag>of());
            model.addAttribute("deadLetters", List.<DeadLetterCount>of());
        }
        List<Breaker> breakers = new ArrayList<>();
        breakers(user, false, "kubernetesBreakers", breakers, problems);
        breakers(user, true, "channelBreakers", breakers, problems);
        model.addAttribute("breakers", breakers);
        model.addAttribute("problems", problems);
        return "health";
    }

    private void breakers(ConsoleUser user, boolean notifier, String component, List<Breaker> into,
            List<String> problems) {
        String kind = BREAKER_COMPONENTS.get(component);
        try {
            Map<String, String> states = services.breakers(user, notifier, component);
            if (states.isEmpty()) {
                into.add(new Breaker(kind, component, "unknown"));
            }
            states.forEach((name, state) -> into.add(new Breaker(kind, name, state)));
        } catch (ServiceRefusedException | ServiceUnavailableException e) {
            problems.add((notifier ? "notifier" : "remediation") + " health: " + e.getMessage());
            into.add(new Breaker(kind, component, "unknown"));
        }
    }
}
