package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A busy stock item is snapshotted, and loading it from the snapshot gives the same stock as its full history. */
class StockSnapshotIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void busyStockItemIsSnapshottedAndKeepsItsFiguresAfterwards() {
        String sku = OrdersClient.unique("SNAP");
        orders.createProduct(sku, 250, 0);
        // Over the default threshold of 100 events for this one item.
        for (int i = 0; i < 105; i++) {
            http.post().uri("/api/v1/products/{sku}/restock", sku).bodyValue(Map.of("quantity", 1))
                    .exchange().expectStatus().isAccepted();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from axon.snapshotevententry where aggregateidentifier = ?", Integer.class, sku))
                .isPositive());

        UUID orderId = orders.place(OrdersClient.unique("snapper"), "snap-1", Map.of(sku, 4), "tok_approve");

        orders.awaitStatus(orderId, "CONFIRMED");
        orders.awaitStock(sku, 105, 4);
    }
}
