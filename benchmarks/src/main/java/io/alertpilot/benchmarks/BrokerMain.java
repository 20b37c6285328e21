package io.alertpilot.benchmarks;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A one-node KRaft Kafka broker as a process of its own, on the port given as the first argument. Records get the
 * broker's append time as their timestamp, so "on Kafka" latencies can be read from the records. Prints
 * {@code READY <bootstrap>} once it accepts connections and runs until killed.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 19092;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.kafkaPorts(port);
        broker.brokerProperties(Map.of(
                "log.message.timestamp.type", "LogAppendTime",
                "auto.create.topics.enable", "true",
                "num.partitions", Integer.toString(partitions),
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        System.out.println("READY " + broker.getBrokersAsString());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
