package dev.orders.inventory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.orders.api.error.ConflictException;
import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.inventory.InventoryCommand.CommitStock;
import dev.orders.api.inventory.InventoryCommand.CreateProduct;
import dev.orders.api.inventory.InventoryCommand.ReleaseStock;
import dev.orders.api.inventory.InventoryCommand.ReserveStock;
import dev.orders.api.inventory.InventoryCommand.RestockProduct;
import dev.orders.api.inventory.InventoryEvent.ProductCreated;
import dev.orders.api.inventory.InventoryEvent.StockCommitted;
import dev.orders.api.inventory.InventoryEvent.StockReleased;
import dev.orders.api.inventory.InventoryEvent.StockReservationRejected;
import dev.orders.api.inventory.InventoryEvent.StockReserved;
import dev.orders.api.inventory.InventoryEvent.StockRestocked;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The stock of one SKU. It is the only place that decides whether goods may be promised to an order, so it
 * never promises more than it holds: stock on hand never goes negative and reserved never exceeds it.
 * Each order gets one reservation decision per SKU; repeats and compensations of settled orders are no-ops,
 * so the fulfilment saga can retry any step safely.
 *
 * <p>Registered by the inventory role and by the saga role, the two that send commands to stock items: without Axon
 * Server a command reaches only the handlers in the JVM that sends it.
 */
@ConditionalOnRole({InstanceRole.INVENTORY, InstanceRole.SAGA})
@Aggregate(cache = "stockItemCache", snapshotTriggerDefinition = "stockItemSnapshotTrigger")
class StockItem {

    static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_NAME_LENGTH = 200;

    @AggregateIdentifier
    private String sku;
    private int onHand;
    private int reserved;
    /** Open reservations: order id to quantity. */
    private Map<UUID, Integer> reservations;
    /** Orders whose reservation was decided and then rejected, released or committed. */
    private Set<UUID> settledOrders;

    StockItem() {
        // Axon rebuilds the item from its events, and creates it empty for CreateProduct.
    }

    /**
     * "Create if missing" so that a second CreateProduct for the same SKU reaches this handler and is refused
     * as a conflict, instead of surfacing as an event-store key violation.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateProduct command) {
        if (sku != null) {
            throw new ConflictException("Product " + sku + " already exists");
        }
        validate(command);
        apply(new ProductCreated(command.sku(), command.name(), command.price(), command.initialStock()));
    }

    @CommandHandler
    void handle(RestockProduct command) {
        if (command.quantity() <= 0) {
            throw new InvalidRequestException("Restock quantity must be positive");
        }
        if (command.quantity() > Integer.MAX_VALUE - onHand) {
            throw new InvalidRequestException("Stock of " + sku + " would exceed " + Integer.MAX_VALUE);
        }
        apply(new StockRestocked(sku, command.quantity(), onHand + command.quantity(), reserved));
    }

    @CommandHandler
    void handle(ReserveStock command) {
        if (command.quantity() <= 0) {
            throw new InvalidRequestException("Reserved quantity must be positive");
        }
        if (reservations.containsKey(command.orderId()) || settledOrders.contains(command.orderId())) {
            return;
        }
        int available = onHand - reserved;
        if (available >= command.quantity()) {
            apply(new StockReserved(sku, command.orderId(), command.quantity(), onHand,
                    reserved + command.quantity()));
        } else {
            apply(new StockReservationRejected(sku, command.orderId(), command.quantity(), available));
        }
    }

    @CommandHandler
    void handle(ReleaseStock command) {
        Integer quantity = reservations.get(command.orderId());
        if (quantity != null) {
            apply(new StockReleased(sku, command.orderId(), quantity, onHand, reserved - quantity));
        }
    }

    @CommandHandler
    void handle(CommitStock command) {
        Integer quantity = reservations.get(command.orderId());
        if (quantity != null) {
            apply(new StockCommitted(sku, command.orderId(), quantity, onHand - quantity, reserved - quantity));
        }
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        sku = event.sku();
        onHand = event.initialStock();
        reserved = 0;
        reservations = new HashMap<>();
        settledOrders = new HashSet<>();
    }

    @EventSourcingHandler
    void on(StockRestocked event) {
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockReserved event) {
        reservations.put(event.orderId(), event.quantity());
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockReservationRejected event) {
        settledOrders.add(event.orderId());
    }

    @EventSourcingHandler
    void on(StockReleased event) {
        settle(event.orderId());
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockCommitted event) {
        settle(event.orderId());
        onHand = event.onHand();
        reserved = event.reserved();
    }

    private void settle(UUID orderId) {
        reservations.remove(orderId);
        settledOrders.add(orderId);
    }

    private static void validate(CreateProduct command) {
        if (command.sku() == null || !SKU.matcher(command.sku()).matches()) {
            throw new InvalidRequestException("SKU must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new InvalidRequestException("A product needs a name");
        }
        if (command.name().length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("A product name has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (command.price() == null) {
            throw new InvalidRequestException("A product needs a price");
        }
        if (command.initialStock() < 0) {
            throw new InvalidRequestException("Initial stock must not be negative");
        }
    }
}
