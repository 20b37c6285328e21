package io.alertpilot.cli.tail;

import io.alertpilot.cli.DurationArgument;
import io.alertpilot.cli.ExitCodes;
import io.alertpilot.cli.PointInTime;
import io.alertpilot.cli.UnreadableInputException;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.support.kafka.KafkaClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alertpilot tail alerts|remediations|notifications|incidents}: follows an AlertPilot topic and prints one
 * JSON object a line, from {@code --from} or from now on, until Ctrl-C, {@code --max} records or {@code --timeout}
 * without a record. Read-only: no consumer group, no commit, nothing written.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Follow an AlertPilot topic and print each record as one line of JSON (read-only).")
public final class TailCommand implements Callable<Integer> {

    /** The topics a user may name, by the short name the command takes. */
    static final Map<String, String> TOPICS = Map.of(
            "alerts", Topics.ALERTS,
            "remediations", Topics.REMEDIATIONS,
            "notifications", Topics.NOTIFICATIONS,
            "incidents", Topics.INCIDENTS);

    @Parameters(index = "0", paramLabel = "TOPIC", completionCandidates = TopicNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String topic;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "The Kafka brokers, comma separated.")
    String bootstrapServers;

    @Option(names = "--from", paramLabel = "TIME", converter = PointInTime.class,
            description = "Start at the first record at or after TIME: an instant (2026-11-30T06:00:00Z) or a "
                    + "duration ago (15m). Default: only records written from now on.")
    Instant from;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    long max = Long.MAX_VALUE;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationArgument.class,
            description = "Stop after DURATION without a record (e.g. 10s).")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationArgument.class,
            defaultValue = "15s", description = "How long to wait for the brokers (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "A properties file of Kafka client settings (security.protocol, ssl.*, sasl.*), "
                    + "as Kafka's own tools take.")
    Path commandConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = TOPICS.get(topic);
        if (name == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown topic '" + topic + "'; known are "
                    + TOPICS.keySet().stream().sorted().toList());
        }
        CommandLine commandLine = spec.commandLine();
        try (TopicFollower follower = new TopicFollower(bootstrapServers, consumerSettings())) {
            follower.start(name, from, connectTimeout);
            commandLine.getErr().println("tail: following " + name + " at " + bootstrapServers + " from "
                    + (from == null ? "now on" : from.toString()) + " (Ctrl-C to stop)");
            commandLine.getErr().flush();
            Thread stop = new Thread(follower::wakeup, "alertpilot-tail-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                follower.follow(commandLine.getOut(), commandLine.getErr(), max, timeout);
            } finally {
                removeHook(stop);
            }
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> consumerSettings() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(Arrays.stream(bootstrapServers.split(",")).map(String::trim).toList());
        kafka.setClientId("alertpilot-tail");
        KafkaConnectionDetails connection = kafka::getBootstrapServers;
        Map<String, Object> config = new KafkaClientSettings(kafka, connection).reader();
        if (commandConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UnreadableInputException("cannot read " + commandConfig + ": " + e.getMessage(), e);
            }
            properties.forEach((key, value) -> config.put(String.valueOf(key), value));
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        }
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running; nothing to undo
        }
    }

    /** The short topic names, for the help text and shell completion. */
    static final class TopicNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TOPICS.keySet().stream().sorted().iterator();
        }
    }
}
