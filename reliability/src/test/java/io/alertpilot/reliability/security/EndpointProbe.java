package io.alertpilot.reliability.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.alertpilot.support.web.SelfAuthenticatedPaths;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds every controller endpoint of a running context (from its {@link RequestMappingHandlerMapping}, so a new
 * endpoint is probed without anyone listing it) and calls it without credentials, as written and in spellings that
 * Tomcat and Spring MVC map to the same handler (encoded letters, double slashes, path parameters, dot segments,
 * case). A probe request carries {@link #HEADER}; {@link Config}'s interceptor records every probe that reached a
 * handler and stops it there, so a probe never changes anything.
 */
final class EndpointProbe {

    static final String HEADER = "X-Security-Probe";

    /** Paths that are not endpoints of the service: Boot's error page renders the current request's error only. */
    static final Set<String> NOT_ENDPOINTS = Set.of("/error");

    record Endpoint(String method, String pattern) {
        String path() {
            return pattern.replaceAll("\\{[^}]+}", "probe-id");
        }
    }

    record Probe(Endpoint endpoint, String path, int status, String wwwAuthenticate, boolean reachedHandler) {
    }

    /** Probe ids that reached a handler. */
    static final Set<String> REACHED = ConcurrentHashMap.newKeySet();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EndpointProbe() {
    }

    static List<Endpoint> endpoints(ApplicationContext context) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        Map<String, RequestMappingHandlerMapping> mappings = context.getBeansOfType(RequestMappingHandlerMapping.class);
        for (RequestMappingHandlerMapping mapping : mappings.values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (NOT_ENDPOINTS.contains(pattern)) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        endpoints.add(new Endpoint("GET", pattern));
                        endpoints.add(new Endpoint("POST", pattern));
                    }
                    methods.forEach(method -> endpoints.add(new Endpoint(method.name(), pattern)));
                }
            }
        }
        return List.copyOf(endpoints);
    }

    /** The spellings of {@code path} that a servlet container or Spring MVC may map to the same handler. */
    static List<String> spellings(String path) {
        List<String> spellings = new ArrayList<>();
        spellings.add(path);
        spellings.add(path + "/");
        spellings.add("/" + path);
        spellings.add(path.replaceFirst("^/api/", "//api/"));
        spellings.add(path.replaceFirst("^/api/", "/api//"));
        spellings.add(path.replaceFirst("^/api/", "/%61pi/"));
        spellings.add(path.replaceFirst("^/api/", "/%2561pi/"));
        spellings.add(path.replaceFirst("^/api/", "/api;x=y/"));
        spellings.add(path.replaceFirst("^/api/", "/;x=y/api/"));
        spellings.add(path + ";jsessionid=probe");
        spellings.add(path.replaceFirst("^/api/", "/x/../api/"));
        spellings.add(path.replaceFirst("^/api/", "/x/%2e%2e/api/"));
        spellings.add(path.replaceFirst("^/api/", "/./api/"));
        spellings.add(path.replaceFirst("^/api/", "/API/"));
        spellings.add(path.replace("/v1/", "/v1/%2e/"));
        return spellings.stream().distinct().toList();
    }

    static Probe call(int port, Endpoint endpoint, String path, String authorization) throws IOException, InterruptedException {
        String id = Integer.toHexString(System.identityHashCode(new Object())) + System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header(HEADER, id)
                .header("Content-Type", "application/json")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Probe(endpoint, path, response.statusCode(),
                response.headers().firstValue("WWW-Authenticate").orElse(null), REACHED.remove(id));
    }

    /** Records and stops every probe request that reached a handler. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        WebMvcConfigurer securityProbeInterceptor(List<SelfAuthenticatedPaths> selfAuthenticated) {
            Set<String> ownChecks = new java.util.HashSet<>();
            selfAuthenticated.forEach(paths -> ownChecks.addAll(paths.paths()));
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new HandlerInterceptor() {
                        @Override
                        public boolean preHandle(HttpServletRequest request, HttpServletResponse response,
                                Object handler) {
                            String probe = request.getHeader(HEADER);
                            if (probe == null || !(handler instanceof HandlerMethod)) {
                                return true;
                            }
                            REACHED.add(probe);
                            if (ownChecks.contains(io.alertpilot.support.web.RequestPaths.of(request))) {
                                return true; // the handler checks the caller itself (a signature, its own credentials)
                            }
                            response.setStatus(299);
                            return false;
                        }
                    });
                }
            };
        }
    }
}
