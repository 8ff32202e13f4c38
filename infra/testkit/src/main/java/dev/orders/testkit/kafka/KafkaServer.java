package dev.orders.testkit.kafka;

/** A running Kafka broker and how clients reach it. */
public interface KafkaServer extends AutoCloseable {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:9092}. */
    String bootstrapServers();

    @Override
    void close();
}
