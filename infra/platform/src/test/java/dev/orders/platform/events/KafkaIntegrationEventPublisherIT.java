package dev.orders.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.testkit.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka adapter of the publishing port against a real broker. */
class KafkaIntegrationEventPublisherIT {

    private static KafkaSettings settings;

    @BeforeAll
    static void topics() {
        settings = new KafkaSettings(TestKafka.shared().bootstrapServers(), "publisher-it", Duration.ofSeconds(10),
                new KafkaSettings.Topic(2, (short) 1, Duration.ofDays(7)));
        Set<String> names = Set.of(IntegrationTopics.ORDER_EVENTS, IntegrationTopics.ORDER_EVENTS_DLT);
        IntegrationTopicsAdmin.ensureTopics(settings, names);
        // Idempotent: a second instance starting finds the topics there.
        IntegrationTopicsAdmin.ensureTopics(settings, names);
    }

    @Test
    void createsBothTopicsWithTheConfiguredLayout() throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of(IntegrationTopics.ORDER_EVENTS, IntegrationTopics.ORDER_EVENTS_DLT))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(2));
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    IntegrationTopics.ORDER_EVENTS))).all().get(10, TimeUnit.SECONDS).values().iterator().next();
            assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void publishesCloudEventsInBinaryModeKeyedAndInOrder() {
        String aggregate = UUID.randomUUID().toString();
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<IntegrationEvent> events = new ArrayList<>();
        for (int sequence = 0; sequence < 5; sequence++) {
            events.add(new IntegrationEvent(UUID.randomUUID().toString(), "dev.orders.order.OrderShipped",
                    "/orders/Order", aggregate, time, aggregate,
                    ("{\"n\":" + sequence + "}").getBytes(StandardCharsets.UTF_8),
                    Map.of("orders_sequence", String.valueOf(sequence), "traceparent", "00-trace-span-01")));
        }

        try (KafkaIntegrationEventPublisher publisher =
                     KafkaIntegrationEventPublisher.create(settings, IntegrationTopics.ORDER_EVENTS)) {
            publisher.publish(events).block(Duration.ofSeconds(20));
        }

        List<ConsumerRecord<String, byte[]>> records = readKey(aggregate, events.size());
        assertThat(records).extracting(record -> header(record, "ce_id"))
                .containsExactlyElementsOf(events.stream().map(IntegrationEvent::id).toList());
        assertThat(records).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
        ConsumerRecord<String, byte[]> first = records.get(0);
        assertThat(first.key()).isEqualTo(aggregate);
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_type")).isEqualTo("dev.orders.order.OrderShipped");
        assertThat(header(first, "ce_source")).isEqualTo("/orders/Order");
        assertThat(header(first, "ce_subject")).isEqualTo(aggregate);
        assertThat(Instant.parse(header(first, "ce_time"))).isEqualTo(time);
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        assertThat(header(first, "orders_sequence")).isEqualTo("0");
        assertThat(header(first, "traceparent")).isEqualTo("00-trace-span-01");
    }

    @Test
    void failsWhenNoBrokerAcknowledges() {
        KafkaSettings unreachable = new KafkaSettings("127.0.0.1:1", "nowhere", Duration.ofSeconds(1), null);
        IntegrationEvent event = new IntegrationEvent("id-1", "dev.orders.order.OrderShipped", "/orders/Order", "a",
                Instant.now(), "a", new byte[] {'{', '}'}, Map.of());

        try (KafkaIntegrationEventPublisher publisher =
                     KafkaIntegrationEventPublisher.create(unreachable, IntegrationTopics.ORDER_EVENTS)) {
            assertThatThrownBy(() -> publisher.publish(List.of(event)).block(Duration.ofSeconds(20)))
                    .hasMessageContaining(IntegrationTopics.ORDER_EVENTS);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The records with {@code key}, read from the beginning of every partition (no consumer group: nothing to join). */
    private static List<ConsumerRecord<String, byte[]>> readKey(String key, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(IntegrationTopics.ORDER_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }
}
