package io.alertpilot.standalone;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A one-node KRaft Kafka broker (broker and controller in one) in this JVM, keeping its log and metadata under
 * {@code <dataDir>/kafka}, so topics, records and committed offsets outlive a restart and a {@code kill -9}. The
 * storage is formatted on the first start (a new cluster id, node id 1, kept in {@code meta.properties}) and reused
 * after. Both listeners bind 127.0.0.1 only. A lock on {@code <dataDir>/.lock}, held from before Kafka opens anything
 * until the broker has stopped, refuses a second broker on the directory: that start fails with
 * {@link DataDirectoryInUseException}. (Kafka's own lock on its log directory is taken by the broker only after the
 * controller has opened the metadata log, and its failure stops the JVM: it stays as the last line of defence.)
 * {@link #close()} stops the broker, waits for it and releases the lock; nothing is deleted.
 */
final class StandaloneBroker implements AutoCloseable {

    static final int NODE_ID = 1;
    private static final String LOOPBACK = "127.0.0.1";
    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final DataDirectoryLock lock;
    private final Path storage;
    private final int port;
    private final boolean formatted;

    private StandaloneBroker(KafkaRaftServer server, DataDirectoryLock lock, Path storage, int port,
            boolean formatted) {
        this.server = server;
        this.lock = lock;
        this.storage = storage;
        this.port = port;
        this.formatted = formatted;
    }

    /**
     * Starts the broker on {@code dataDir}, formatting its storage first when the directory holds none. {@code port}
     * is the client port on 127.0.0.1 (0: any free port); {@code partitions} the default for topics created on
     * first use.
     */
    static StandaloneBroker start(Path dataDir, int port, int partitions) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir.toAbsolutePath().normalize());
        try {
            Path storage = lock.directory().resolve("kafka");
            int clientPort = port > 0 ? port : freePort();
            KafkaConfig config = new KafkaConfig(properties(storage, clientPort, freePort(), partitions), false);
            boolean format = !Files.exists(storage.resolve("meta.properties"));
            if (format) {
                format(storage);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw e;
            }
            return new StandaloneBroker(server, lock, storage, clientPort, format);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** {@code host:port} of the client listener. */
    String bootstrapServers() {
        return LOOPBACK + ":" + port;
    }

    /** The directory holding the broker's log and metadata. */
    Path storage() {
        return storage;
    }

    /** Whether this start formatted new storage (the data directory held none). */
    boolean formatted() {
        return formatted;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            lock.close();
        }
    }

    private static Map<String, Object> properties(Path storage, int port, int controllerPort, int partitions) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + port + "," + CONTROLLER + "://" + LOOPBACK
                + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + port);
        properties.put("controller.listener.names", CONTROLLER);
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        properties.put("log.dirs", storage.toString());
        properties.put("metadata.log.dir", storage.toString());
        properties.put("num.partitions", String.valueOf(partitions));
        properties.put("auto.create.topics.enable", "true");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // one node: every internal topic and every write is replicated once
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "5");
        // a standalone may stay stopped for weeks: committed offsets that expired (7 days by default) would make the
        // services read every kept alert again from the earliest offset when it starts
        properties.put("offsets.retention.minutes", String.valueOf(Duration.ofDays(365).toMinutes()));
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "5");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        return properties;
    }

    private static void format(Path storage) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(storage.toString())
                    .addDirectory(storage.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka storage in " + storage + ": " + e.getMessage(), e);
        }
    }

    /** A port free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }
}
