package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

/** Popular stock items are snapshotted, and a snapshot restores the item as it stood. */
class StockSnapshotIT extends IntegrationTest {

    @Autowired
    Configuration axon;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void snapshotRestoresAStockItemWithItsReservations() {
        String sku = OrdersClient.unique("SNAP");
        orders.createProduct(sku, 250, 100);
        String customer = OrdersClient.unique("snapper");
        // The test context snapshots every 5 events: the creation and 5 reservations make 6.
        for (int i = 0; i < 5; i++) {
            UUID orderId = orders.place(customer, "snap-" + i, Map.of(sku, 2), "tok_approve");
            orders.awaitStatus(orderId, "CONFIRMED");
        }

        assertThat(jdbc.queryForObject("select count(*) from axon.snapshotevententry where aggregateidentifier = ?",
                Integer.class, sku)).isPositive();
        DomainEventStream stream = axon.eventStore().readEvents(sku);
        DomainEventMessage<?> first = stream.next();
        Object item = first.getPayload();
        assertThat(item.getClass().getSimpleName()).isEqualTo("StockItem");
        assertThat(ReflectionTestUtils.getField(item, "onHand")).isEqualTo(100);
        int reservedAtSnapshot = (Integer) ReflectionTestUtils.getField(item, "reserved");
        assertThat(reservedAtSnapshot).isEqualTo(2 * (int) first.getSequenceNumber());
        assertThat(orders.awaitStock(sku, 100, 10)).containsEntry("reserved", 10);
    }
}
