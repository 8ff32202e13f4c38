package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import dev.orders.api.inventory.InventoryEvent.StockRestocked;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Stock items are cached per instance and snapshotted: a snapshot restores the item as it stood, and an item another
 * instance changed behind the cache is reloaded instead of failing the command.
 */
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

    @Test
    void stockItemChangedByAnotherInstanceIsReloadedFromTheStore() {
        String sku = OrdersClient.unique("STALE");
        orders.createProduct(sku, 250, 10);
        UUID first = orders.place(OrdersClient.unique("stale"), "stale-1", Map.of(sku, 1), "tok_approve");
        orders.awaitStatus(first, "CONFIRMED");
        // Another instance restocks the item: its event is stored behind this instance's cached copy.
        EventStorageEngine engine = axon.getComponent(EventStorageEngine.class);
        long next = engine.lastSequenceNumberFor(sku).orElseThrow() + 1;
        engine.appendEvents(new GenericDomainEventMessage<>("StockItem", sku, next,
                new StockRestocked(sku, 5, 15, 1)));

        UUID second = orders.place(OrdersClient.unique("stale"), "stale-2", Map.of(sku, 1), "tok_approve");

        orders.awaitStatus(second, "CONFIRMED");
        assertThat(engine.lastSequenceNumberFor(sku)).contains(next + 1);
    }
}
