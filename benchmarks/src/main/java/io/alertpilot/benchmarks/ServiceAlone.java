package io.alertpilot.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service jar alone beside a Kafka broker process, for A/B figures of that service: nothing else competes for the
 * CPU. Starts the broker, then the service (its jar from {@code <bench.repo>/<module>/target}, JVM options from
 * {@code bench.service-opts}, extra {@code --name=value} arguments from the system property the caller names), and
 * waits until it is healthy. Closing stops both.
 */
final class ServiceAlone implements AutoCloseable {

    final Path repo;
    final String bootstrap;
    final ServiceProcess service;
    final Duration healthy;
    private final ServiceProcess broker;

    private ServiceAlone(Path repo, ServiceProcess broker, String bootstrap, ServiceProcess service, Duration healthy) {
        this.repo = repo;
        this.broker = broker;
        this.bootstrap = bootstrap;
        this.service = service;
        this.healthy = healthy;
    }

    /**
     * @param module the service's module, e.g. {@code notifier-service}
     * @param argsProperty the system property holding the service's extra arguments
     * @param environment the service's environment besides the broker's address, the API token and its port
     */
    static ServiceAlone start(String module, int port, String argsProperty, Map<String, String> environment)
            throws Exception {
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("bench.out",
                repo.resolve("benchmarks/target/" + module.replace("-service", "")).toString()));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(words(System.getProperty("bench.service-opts", "")));
        command.add("-jar");
        command.add(repo.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar").toString());
        command.addAll(words(System.getProperty(argsProperty, "")));
        ServiceProcess broker = ServiceProcess.start("kafka", List.of(java, "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), BrokerMain.class.getName()), Map.of(), out);
        ServiceProcess service = null;
        try {
            String bootstrap = broker.awaitLog(BrokerMain.READY, Duration.ofSeconds(120));
            Map<String, String> env = new java.util.HashMap<>(environment);
            env.putAll(Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap, "ALERTPILOT_API_TOKEN", "bench-token",
                    "SERVER_PORT", Integer.toString(port)));
            service = ServiceProcess.start(module, command, env, out);
            Duration healthy = service.awaitHealthy("http://127.0.0.1:" + port + "/actuator/health",
                    Duration.ofSeconds(180));
            return new ServiceAlone(repo, broker, bootstrap, service, healthy);
        } catch (Exception | Error e) {
            if (service != null) {
                service.close();
            }
            broker.close();
            throw e;
        }
    }

    /** Seconds to healthy, one decimal. */
    double healthySeconds() {
        return healthy.toMillis() / 1000.0;
    }

    private static List<String> words(String text) {
        return List.of(text.split(" +")).stream().filter(word -> !word.isBlank()).toList();
    }

    @Override
    public void close() throws Exception {
        try (broker) {
            service.close();
        }
    }
}
