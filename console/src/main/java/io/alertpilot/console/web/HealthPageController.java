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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The health of AlertPilot itself: the lag of the services' consumer groups, the breakers remediation (per cluster)
 * and the notifier (per channel) report in their health, and what the dead-letter topics hold. Every question is
 * asked at once and the page waits for them all at most {@code alertpilot.console.health-deadline}; what did not
 * answer by then is shown as unknown, and the page says it did not answer in time.
 */
@Controller
class HealthPageController implements DisposableBean {

    /** The health components that carry breaker states, with what their names are. */
    private static final Map<String, String> BREAKER_COMPONENTS = Map.of("kubernetesBreakers", "cluster",
            "channelBreakers", "channel");

    private final KafkaFacts kafka;
    private final ServiceClient services;
    private final ConsoleProperties properties;
    private final ExecutorService askers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
            .name("console-health-", 0).factory());

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

    /** One question of the page: what it asks, and what it is called when it did not answer. */
    private record Question<T>(String what, Callable<T> ask) {
    }

    @GetMapping("/health")
    String health(@AuthenticationPrincipal ConsoleUser user, Model model) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        List<Question<?>> questions = new ArrayList<>();
        for (String group : properties.consumerGroups()) {
            questions.add(new Question<>("Kafka (lag of " + group + ")", () -> kafka.lag(group)));
        }
        questions.add(new Question<>("Kafka (dead-letter topics)", kafka::deadLetters));
        questions.add(new Question<>("remediation health",
                () -> services.breakers(user, false, "kubernetesBreakers")));
        questions.add(new Question<>("notifier health", () -> services.breakers(user, true, "channelBreakers")));
        List<Object> answers = ask(questions, problems);

        int groups = properties.consumerGroups().size();
        List<GroupLag> lags = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            if (answers.get(i) instanceof GroupLag lag) {
                lags.add(lag);
            }
        }
        model.addAttribute("lags", lags);
        model.addAttribute("deadLetters", answers.get(groups) instanceof List<?> dead ? dead
                : List.<DeadLetterCount>of());
        List<Breaker> breakers = new ArrayList<>();
        breakers("kubernetesBreakers", answers.get(groups + 1), breakers);
        breakers("channelBreakers", answers.get(groups + 2), breakers);
        model.addAttribute("breakers", breakers);
        model.addAttribute("problems", problems);
        return "health";
    }

    /** Asks every question at once; answers each one's answer, or null (and a problem) when it had none in time. */
    private List<Object> ask(List<Question<?>> questions, List<String> problems) throws InterruptedException {
        Duration deadline = properties.healthDeadline();
        List<Callable<Object>> calls = questions.stream().map(q -> (Callable<Object>) () -> q.ask().call()).toList();
        List<Future<Object>> futures = askers.invokeAll(calls, deadline.toMillis(), TimeUnit.MILLISECONDS);
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Future<Object> future = futures.get(i);
            String what = questions.get(i).what();
            if (future.isCancelled()) {
                problems.add(what + ": did not answer within " + seconds(deadline));
                answers.add(null);
                continue;
            }
            try {
                answers.add(future.get());
            } catch (ExecutionException e) {
                answers.add(null);
                if (e.getCause() instanceof KafkaUnavailableException || e.getCause() instanceof ServiceRefusedException
                        || e.getCause() instanceof ServiceUnavailableException) {
                    problems.add(what + ": " + e.getCause().getMessage());
                } else {
                    throw new IllegalStateException(what + " failed", e.getCause());
                }
            }
        }
        return answers;
    }

    private static void breakers(String component, Object answer, List<Breaker> into) {
        String kind = BREAKER_COMPONENTS.get(component);
        if (!(answer instanceof Map<?, ?> states) || states.isEmpty()) {
            into.add(new Breaker(kind, component, "unknown"));
            return;
        }
        states.forEach((name, state) -> into.add(new Breaker(kind, (String) name, (String) state)));
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public void destroy() {
        askers.shutdownNow();
    }
}
