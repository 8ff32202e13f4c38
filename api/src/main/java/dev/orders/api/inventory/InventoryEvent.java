package dev.orders.api.inventory;

import dev.orders.api.Money;
import java.util.UUID;

/**
 * Events of the StockItem aggregate. Stock events carry the resulting on-hand and reserved counts so a
 * projection sets values instead of adding deltas, which makes replays harmless.
 */
public sealed interface InventoryEvent {

    String sku();

    record ProductCreated(String sku, String name, Money price, int initialStock) implements InventoryEvent {
    }

    record StockRestocked(String sku, int quantity, int onHand, int reserved) implements InventoryEvent {
    }

    record StockReserved(String sku, UUID orderId, int quantity, int onHand, int reserved)
            implements InventoryEvent {
    }

    record StockReservationRejected(String sku, UUID orderId, int requested, int available)
            implements InventoryEvent {
    }

    record StockReleased(String sku, UUID orderId, int quantity, int onHand, int reserved)
            implements InventoryEvent {
    }

    record StockCommitted(String sku, UUID orderId, int quantity, int onHand, int reserved)
            implements InventoryEvent {
    }
}
