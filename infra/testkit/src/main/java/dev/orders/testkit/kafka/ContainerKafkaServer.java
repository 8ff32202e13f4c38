package dev.orders.testkit.kafka;

import org.testcontainers.kafka.KafkaContainer;

/** Kafka (KRaft, one node) in a Testcontainers container, used when a Docker engine is available. */
final class ContainerKafkaServer implements KafkaServer {

    private final KafkaContainer container;

    private ContainerKafkaServer(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafkaServer start() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.0")
                // The same contract as the embedded broker: topics exist only when someone creates them.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new ContainerKafkaServer(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
