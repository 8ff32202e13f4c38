package dev.orders.platform.health;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Readiness of the Kafka broker this instance publishes to or consumes from: the cluster answers a describe
 * request within the time-out. The admin client's futures complete on its own network thread; nothing blocks.
 */
final class KafkaHealthIndicator implements ReactiveHealthIndicator, AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    KafkaHealthIndicator(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return Mono.defer(() -> {
                    DescribeClusterResult cluster = admin.describeCluster(
                            new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
                    return Mono.fromFuture(cluster.nodes().toCompletionStage().toCompletableFuture())
                            .map(nodes -> Health.up().withDetail("nodes", nodes.size()).build());
                })
                // The admin client's own time-out may take longer to fire when the broker is gone for good.
                .timeout(timeout.plusMillis(500))
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
