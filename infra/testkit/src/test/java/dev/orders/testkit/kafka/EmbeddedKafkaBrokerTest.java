package dev.orders.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "survivors";

    @Test
    void recordsSurviveARestartOnTheSamePortAndAReopenOfTheSameDirectory(@TempDir Path dataDirectory)
            throws Exception {
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDirectory, 0)) {
            port = broker.port();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            RecordMetadata written = produce(broker, "before-restart");
            assertThat(written.offset()).isZero();
            assertThat(readAll(broker)).containsExactly("before-restart");

            broker.restart();

            assertThat(broker.port()).isEqualTo(port);
            assertThat(broker.bootstrapServers()).endsWith(":" + port);
            assertThat(readAll(broker)).containsExactly("before-restart");
            produce(broker, "after-restart");
            assertThat(readAll(broker)).containsExactly("before-restart", "after-restart");
        }

        try (EmbeddedKafkaBroker reopened = EmbeddedKafkaBroker.start(dataDirectory, 0)) {
            assertThat(readAll(reopened)).containsExactly("before-restart", "after-restart");
        }
    }

    @Test
    void stoppedBrokerRefusesClientsUntilItIsBack(@TempDir Path dataDirectory) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDirectory, 0)) {
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500))) {
                assertThat(admin.listTopics().names()).failsWithin(Duration.ofSeconds(5));

                broker.restart();

                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            }
        }
    }

    private static RecordMetadata produce(KafkaServer broker, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(TOPIC, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Everything in the topic's one partition, read from the beginning (no consumer group: nothing to join). */
    private static List<String> readAll(KafkaServer broker) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
