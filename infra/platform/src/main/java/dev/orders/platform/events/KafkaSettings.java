package dev.orders.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach Kafka and how the system's topics are laid out.
 *
 * @param bootstrapServers the brokers, e.g. {@code kafka-1:9092,kafka-2:9092} (required; {@code KAFKA_BOOTSTRAP_SERVERS})
 * @param clientId         the prefix of this instance's Kafka client ids
 * @param publishTimeout   how long publishing a batch may take before it counts as failed and is retried
 * @param topic            layout of the topics created at start
 */
@ConfigurationProperties("orders.kafka")
public record KafkaSettings(String bootstrapServers, String clientId, Duration publishTimeout, Topic topic) {

    public KafkaSettings {
        // An unset variable reaches here as the placeholder itself: ${KAFKA_BOOTSTRAP_SERVERS}.
        if (bootstrapServers == null || bootstrapServers.isBlank() || bootstrapServers.contains("${")) {
            throw new IllegalStateException("orders.kafka.bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS) is not set");
        }
        clientId = clientId == null || clientId.isBlank() ? "orders" : clientId;
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(30) : publishTimeout;
        if (publishTimeout.toMillis() < 1_000) {
            throw new IllegalStateException("orders.kafka.publish-timeout must be at least 1s");
        }
        topic = topic == null ? new Topic(null, null, null) : topic;
    }

    /**
     * @param partitions        partitions of each topic (keys spread over them; order holds per key)
     * @param replicationFactor copies of each partition
     * @param retention         how long records stay; long, because analysts replay the topic from its start
     */
    public record Topic(Integer partitions, Short replicationFactor, Duration retention) {

        public Topic {
            partitions = partitions == null ? 3 : partitions;
            replicationFactor = replicationFactor == null ? 1 : replicationFactor;
            retention = retention == null ? Duration.ofDays(30) : retention;
        }
    }
}
