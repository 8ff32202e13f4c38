package dev.orders.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the system's topics when they do not exist yet. An existing topic is left as it is: changing its partition
 * count would move keys to other partitions and break their order.
 */
final class IntegrationTopicsAdmin {

    private static final Logger log = LoggerFactory.getLogger(IntegrationTopicsAdmin.class);
    private static final long TIMEOUT_SECONDS = 60;

    private IntegrationTopicsAdmin() {
    }

    static void ensureTopics(KafkaSettings settings, Set<String> names) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(name -> !existing.contains(name))
                    .map(name -> newTopic(name, settings.topic())).toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, creation) -> {
                try {
                    creation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    log.info("Created Kafka topic {} ({} partitions, replication factor {}, retention {})", name,
                            settings.topic().partitions(), settings.topic().replicationFactor(),
                            settings.topic().retention());
                } catch (ExecutionException e) {
                    // Another instance created it at the same moment: fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create Kafka topic " + name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating Kafka topic " + name, e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("timed out creating Kafka topic " + name, e);
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS) "
                    + "did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing Kafka topics", e);
        }
    }

    static NewTopic newTopic(String name, KafkaSettings.Topic layout) {
        return new NewTopic(name, layout.partitions(), layout.replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(layout.retention().toMillis())));
    }
}
