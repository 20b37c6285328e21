package io.alertpilot.support.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;

/**
 * The properties of every Kafka consumer and producer an AlertPilot service builds itself. Each map starts from every
 * {@code spring.kafka.*} setting, as Spring Boot's own factories do ({@link KafkaProperties#buildConsumerProperties()}
 * or {@link KafkaProperties#buildProducerProperties()}: bootstrap servers, client id, {@code security.protocol},
 * {@code ssl.*}, SASL and any {@code properties.*}), then the connection details (bootstrap servers, security protocol,
 * SSL bundle), then AlertPilot's own settings, which configuration cannot change: String keys, no auto commit,
 * {@code read_committed}, the earliest offset and a {@value #SESSION_TIMEOUT_MS} ms session timeout for consumers;
 * {@code acks=all} and idempotence for producers. With a group instance id ({@code alertpilot.kafka.group-instance-id})
 * every group member is a static member ({@code group.instance.id}); spring-kafka's containers add {@code -<n>} per
 * consumer thread, so each consumer of a container has its own id.
 *
 * <p>Immutable and thread safe; every call returns a new map that the caller may change.
 */
public final class KafkaClientSettings {

    /** How long a group member that died without leaving holds its partitions (Kafka's default is 45 s). */
    public static final int SESSION_TIMEOUT_MS = 10_000;
    private static final int HEARTBEAT_INTERVAL_MS = 3_000;
    /** What every producer must do for a send to count as acknowledged: all in-sync replicas, no duplicates. */
    private static final Map<String, Object> PRODUCER_GUARANTEES = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

    private final KafkaProperties kafka;
    private final KafkaConnectionDetails connection;
    private final String groupInstanceId;

    /** Settings with dynamic group membership. */
    public KafkaClientSettings(KafkaProperties kafka, KafkaConnectionDetails connection) {
        this(kafka, connection, "");
    }

    /**
     * @param groupInstanceId this replica's static membership in every group it joins; empty for dynamic membership
     */
    public KafkaClientSettings(KafkaProperties kafka, KafkaConnectionDetails connection, String groupInstanceId) {
        this.kafka = kafka;
        this.connection = connection;
        this.groupInstanceId = groupInstanceId == null ? "" : groupInstanceId.strip();
    }

    /**
     * A consumer outside any group, reading the partitions it assigns itself: no group id, String keys, no auto
     * commit, {@code read_committed}, from the earliest offset. It never makes the broker create a topic: a reader that
     * starts before the service declared its topics waits for them, so they get their declared partitions.
     */
    public Map<String, Object> reader() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        apply(config, connection.getConsumer());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    /**
     * A member of consumer group {@code groupId}: {@link #reader()}'s settings with the group id, the
     * {@value #SESSION_TIMEOUT_MS} ms session timeout, a heartbeat every 3 s and, when configured, the group instance
     * id (static membership). For the only container of this replica in the group; see
     * {@link #groupMember(String, String)} for several.
     */
    public Map<String, Object> groupMember(String groupId) {
        Map<String, Object> config = reader();
        config.remove(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        if (!groupInstanceId.isEmpty()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        }
        return config;
    }

    /**
     * A member of consumer group {@code groupId} for one of several containers of this replica in that group: as
     * {@link #groupMember(String)}, with the group instance id {@code <id>-<container>} so that the containers do not
     * fence each other.
     */
    public Map<String, Object> groupMember(String groupId, String container) {
        Map<String, Object> config = groupMember(groupId);
        if (!groupInstanceId.isEmpty()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId + "-" + container);
        }
        return config;
    }

    /** A producer: {@code acks=all} and idempotence, not transactional. */
    public Map<String, Object> producer() {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        apply(config, connection.getProducer());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.putAll(PRODUCER_GUARANTEES);
        return config;
    }

    /** The settings forced on every producer, also on Spring Boot's own ({@code acks=all}, idempotence). */
    public static Map<String, Object> producerGuarantees() {
        return PRODUCER_GUARANTEES;
    }

    /** What Spring Boot's factories take from the connection details. */
    private static void apply(Map<String, Object> config, KafkaConnectionDetails.Configuration details) {
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, details.getBootstrapServers());
        String protocol = details.getSecurityProtocol();
        if (protocol != null && !protocol.isEmpty()) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        }
        SslBundle bundle = details.getSslBundle();
        if (bundle != null) {
            config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
            config.put(SslBundle.class.getName(), bundle);
        }
    }
}
