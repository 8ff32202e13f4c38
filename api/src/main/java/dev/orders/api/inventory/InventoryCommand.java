package dev.orders.api.inventory;

import dev.orders.api.Money;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands the StockItem aggregate (one per SKU) accepts. */
public sealed interface InventoryCommand {

    String sku();

    record CreateProduct(@TargetAggregateIdentifier String sku, String name, Money price, int initialStock)
            implements InventoryCommand {
    }

    record RestockProduct(@TargetAggregateIdentifier String sku, int quantity) implements InventoryCommand {
    }

    /** Reserves stock for one order line; answered by StockReserved or StockReservationRejected. */
    record ReserveStock(@TargetAggregateIdentifier String sku, UUID orderId, int quantity)
            implements InventoryCommand {
    }

    /** Gives an order's reservation back; a no-op when the order holds none. */
    record ReleaseStock(@TargetAggregateIdentifier String sku, UUID orderId) implements InventoryCommand {
    }

    /** The goods left the warehouse: the reservation and the stock on hand both go down. */
    record CommitStock(@TargetAggregateIdentifier String sku, UUID orderId) implements InventoryCommand {
    }
}
