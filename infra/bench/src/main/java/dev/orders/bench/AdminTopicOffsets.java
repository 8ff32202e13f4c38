package dev.orders.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** A topic's offsets as Kafka's admin client reads them from the brokers. */
final class AdminTopicOffsets implements TopicOffsets {

    private static final long CALL_TIMEOUT_MILLIS = 5_000;

    private final Admin admin;
    private final String group;
    private final List<TopicPartition> partitions;

    private AdminTopicOffsets(Admin admin, String group, List<TopicPartition> partitions) {
        this.admin = admin;
        this.group = group;
        this.partitions = partitions;
    }

    /**
     * Connects and looks the topic up within {@code patience}; fails with a message for the report when no broker
     * answers or the topic does not exist.
     */
    static AdminTopicOffsets connect(String bootstrap, String topic, String group, Duration patience)
            throws NotAvailable {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "orders-bench");
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1_000);
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MILLIS);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MILLIS);
        Admin admin = Admin.create(properties);
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            return new AdminTopicOffsets(admin, group, partitions);
        } catch (TimeoutException e) {
            close(admin);
            throw new NotAvailable("no broker at " + bootstrap + " (no answer within " + patience.toMillis() + " ms)");
        } catch (ExecutionException e) {
            close(admin);
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new NotAvailable("the broker at " + bootstrap + " has no topic " + topic);
            }
            throw new NotAvailable("no broker at " + bootstrap + " (" + e.getCause() + ")");
        } catch (InterruptedException e) {
            close(admin);
            Thread.currentThread().interrupt();
            throw new NotAvailable("interrupted while connecting to " + bootstrap);
        } catch (RuntimeException e) {
            close(admin);
            throw new NotAvailable("no broker at " + bootstrap + " (" + e + ")");
        }
    }

    @Override
    public Snapshot read() throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition partition : partitions) {
            earliest.put(partition, OffsetSpec.earliest());
            latest.put(partition, OffsetSpec.latest());
        }
        // Ask for all three at once: the answers are then as close to one moment as the admin client allows.
        ListOffsetsResult first = admin.listOffsets(earliest);
        ListOffsetsResult last = admin.listOffsets(latest);
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata();
        Map<Integer, Long> committedOffsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
                : committed.get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).entrySet()) {
            if (entry.getValue() != null && partitions.contains(entry.getKey())) {
                committedOffsets.put(entry.getKey().partition(), entry.getValue().offset());
            }
        }
        return new Snapshot(offsets(first), offsets(last), committedOffsets);
    }

    private static Map<Integer, Long> offsets(ListOffsetsResult result) throws Exception {
        Map<Integer, Long> offsets = new HashMap<>();
        result.all().get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    @Override
    public int partitions() {
        return partitions.size();
    }

    @Override
    public void close() {
        close(admin);
    }

    private static void close(Admin admin) {
        // Bounded: an admin client whose broker went away would otherwise wait for its pending calls.
        admin.close(Duration.ofSeconds(2));
    }

    /** Kafka cannot be measured in this run; the message says why, for the report. */
    static final class NotAvailable extends Exception {
        NotAvailable(String message) {
            super(message, null, false, false);
        }
    }
}
