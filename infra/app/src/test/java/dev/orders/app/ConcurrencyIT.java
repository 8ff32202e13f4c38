package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Many clients at once: nothing is oversold and every order ends confirmed or rejected; keys stay unique. */
class ConcurrencyIT extends IntegrationTest {

    @Test
    void manyParallelOrdersForOneScarceSkuNeverOversell() {
        String sku = OrdersClient.unique("HOT");
        orders.createProduct(sku, 500, 10);
        int clients = 40;

        // All requests in flight at once over non-blocking HTTP.
        List<UUID> placed = Flux.range(0, clients)
                .flatMap(i -> orders.placeAsync(OrdersClient.unique("buyer"), "hot-" + i, Map.of(sku, 1),
                        "tok_approve"), clients)
                .collectList().block(Duration.ofSeconds(60));

        Map<Object, Long> outcomes = Flux.fromIterable(placed)
                .flatMap(orderId -> orders.followAsync(orderId, "CONFIRMED"), clients)
                .map(views -> views.get(views.size() - 1).get("status"))
                .collectList().block(Duration.ofSeconds(120))
                .stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));

        assertThat(outcomes).containsOnlyKeys("CONFIRMED", "REJECTED")
                .containsEntry("CONFIRMED", 10L).containsEntry("REJECTED", 30L);
        orders.awaitStock(sku, 10, 10);
    }

    @Test
    void concurrentRepeatsOfOneIdempotencyKeyCreateOneOrder() {
        String sku = OrdersClient.unique("KEY");
        orders.createProduct(sku, 500, 100);
        String customer = OrdersClient.unique("repeater");

        List<UUID> ids = Flux.range(0, 12)
                .flatMap(i -> orders.placeAsync(customer, "one-key", Map.of(sku, 1), "tok_approve"), 12)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(ids).hasSize(12).containsOnly(ids.get(0));
        orders.awaitStatus(ids.get(0), "CONFIRMED");
        orders.awaitStock(sku, 100, 1);
        http.get().uri("/api/v1/orders?customerId={c}", customer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }
}
