package dev.orders.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The integration event topic as the publishing side fills it (CloudEvents binary mode), and its dead-letter topic,
 * on a real broker. Creates both topics when they are missing, as the application does at start.
 */
final class OrderEventsTopic implements AutoCloseable {

    static final String TOPIC = "orders.events.v1";
    static final String DLT = "orders.events.v1.dlt";
    static final int PARTITIONS = 3;

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    OrderEventsTopic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        createTopics();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics =
                    List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1), new NewTopic(DLT, 1, (short) 1));
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** An event record as published: {@code type} is the simple name, e.g. {@code OrderConfirmed}. */
    static ProducerRecord<String, byte[]> event(String eventId, String type, UUID orderId, String json,
                                                Integer partition) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", utf8(eventId));
        headers.add("ce_type", utf8("dev.orders.order." + type));
        headers.add("ce_source", utf8("/orders/Order"));
        headers.add("ce_time", utf8(Instant.now().toString()));
        headers.add("ce_subject", utf8(orderId.toString()));
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("content-type", utf8("application/json"));
        headers.add("orders_sequence", utf8("3"));
        headers.add("orders_aggregate_type", utf8("Order"));
        return new ProducerRecord<>(TOPIC, partition, orderId.toString(), utf8(json), headers);
    }

    RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce " + record, e);
        }
    }

    /** The offset {@code group} has committed for {@code partition}, or -1 while it has committed none. */
    long committedOffset(String group, TopicPartition partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    /** The dead letter whose {@code ce_id} is {@code eventId}, waiting up to {@code timeout} for it. */
    Optional<ConsumerRecord<String, byte[]>> deadLetter(String eventId, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition partition = new TopicPartition(DLT, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (eventId.equals(header(record, "ce_id"))) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
