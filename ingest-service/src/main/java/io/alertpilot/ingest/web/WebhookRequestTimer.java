package io.alertpilot.ingest.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The {@code http.server.requests} timer of a webhook {@code POST}, recorded by a plain filter instead of Spring's
 * HTTP server observation, which the webhooks leave out (an {@link ObservationPredicate}): the observation's
 * context, key values and handlers cost about a tenth of a webhook request's CPU. The timer has the observation's
 * name and tag keys ({@code error, exception, method, outcome, status, uri}), so a dashboard's query over
 * {@code http_server_requests_seconds} sees the webhooks as before; {@code exception} names an exception that left
 * the handler unhandled, and is {@code none} for the refusals the service answers itself (their causes are counted
 * in {@code alertpilot.ingest.rejected} and {@code alertpilot.ingest.publish}). Every other request keeps the
 * observation.
 */
@Configuration(proxyBeanMethods = false)
class WebhookRequestTimer {

    static final String NAME = "http.server.requests";

    /** The webhooks leave Spring's HTTP server observation: {@link #webhookRequestTimerFilter} times them. */
    @Bean
    ObservationPredicate webhooksLeaveServerObservation() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && isWebhookPost(server.getCarrier()));
    }

    @Bean
    FilterRegistrationBean<TimingFilter> webhookRequestTimerFilter(MeterRegistry registry) {
        FilterRegistrationBean<TimingFilter> registration = new FilterRegistrationBean<>(new TimingFilter(registry));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    static boolean isWebhookPost(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && WebhookPaths.SOURCES.containsKey(request.getRequestURI());
    }

    /** Times a webhook POST into {@code http.server.requests}. */
    static final class TimingFilter extends OncePerRequestFilter {

        private final MeterRegistry registry;
        private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

        TimingFilter(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !isWebhookPost(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long start = System.nanoTime();
            String exception = "none";
            try {
                chain.doFilter(request, response);
            } catch (IOException | ServletException | RuntimeException | Error e) {
                exception = e.getClass().getSimpleName();
                throw e;
            } finally {
                int status = exception.equals("none") || response.isCommitted()
                        ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR.value();
                Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                Key key = new Key(pattern == null ? "UNKNOWN" : pattern.toString(), status, exception);
                timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }

        private Timer timer(Key key) {
            return Timer.builder(NAME)
                    .tag("error", key.exception())
                    .tag("exception", key.exception())
                    .tag("method", "POST")
                    .tag("outcome", outcome(key.status()))
                    .tag("status", Integer.toString(key.status()))
                    .tag("uri", key.uri())
                    .register(registry);
        }

        private static String outcome(int status) {
            HttpStatus.Series series = HttpStatus.Series.resolve(status);
            if (series == null) {
                return "UNKNOWN";
            }
            return series == HttpStatus.Series.SUCCESSFUL ? "SUCCESS" : series.name();
        }
    }

    private record Key(String uri, int status, String exception) {
    }
}
