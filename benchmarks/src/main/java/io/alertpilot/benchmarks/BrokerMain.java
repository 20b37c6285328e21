package io.alertpilot.benchmarks;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A one-node KRaft Kafka broker as a process of its own. Records get the broker's append time as their timestamp, so
 * "on Kafka" latencies can be read from the records. The test kit behind it binds a port of its own choosing, so it
 * prints {@code BROKER-READY <bootstrap>} once it accepts connections, and runs until killed.
 */
public final class BrokerMain {

    static final String READY = "BROKER-READY ";

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(Map.of(
                "log.message.timestamp.type", "LogAppendTime",
                "auto.create.topics.enable", "true",
                "num.partitions", Integer.toString(partitions),
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        System.out.println(READY + broker.getBrokersAsString());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
