package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.testkit.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real (embedded or container) broker of the testkit. */
class AdminTopicOffsetsTest {

    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = TestKafka.shared().bootstrapServers();
    }

    @Test
    void publishedIsEveryRecordProducedAndLagWhatTheGroupHasNotCommitted() throws Exception {
        String topic = "bench-offsets-" + UUID.randomUUID();
        String group = "bench-group-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produce(topic, 0, 20);
            produce(topic, 1, 10);
            admin.alterConsumerGroupOffsets(group, Map.of(
                    new TopicPartition(topic, 0), new OffsetAndMetadata(15),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(4))).all().get(30, TimeUnit.SECONDS);
        }

        try (AdminTopicOffsets offsets = AdminTopicOffsets.connect(bootstrap, topic, group, Duration.ofSeconds(10))) {
            TopicOffsets.Snapshot snapshot = offsets.read();

            assertThat(offsets.partitions()).isEqualTo(2);
            assertThat(snapshot.published()).isEqualTo(30);
            assertThat(snapshot.committed()).isEqualTo(Map.of(0, 15L, 1, 4L));
            assertThat(snapshot.lag()).isEqualTo(30 - 19);
        }
    }

    @Test
    void aTopicTheBrokerDoesNotHaveIsNamed() {
        assertThatThrownBy(() -> AdminTopicOffsets.connect(bootstrap, "bench-missing-" + UUID.randomUUID(), "g",
                Duration.ofSeconds(10)))
                .isInstanceOf(AdminTopicOffsets.NotAvailable.class)
                .hasMessageContaining("has no topic bench-missing-");
    }

    @Test
    void noBrokerAtTheAddressIsReportedAsSuch() {
        assertThatThrownBy(() -> AdminTopicOffsets.connect("localhost:1", "orders.events.v1", "g",
                Duration.ofSeconds(2)))
                .isInstanceOf(AdminTopicOffsets.NotAvailable.class)
                .hasMessageStartingWith("no broker at localhost:1");
    }

    private static Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(properties);
    }

    private static void produce(String topic, int partition, int records) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }
}
