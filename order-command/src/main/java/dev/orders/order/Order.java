package dev.orders.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.orders.api.Money;
import dev.orders.api.error.ConflictException;
import dev.orders.api.error.IllegalTransitionException;
import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.error.NotFoundException;
import dev.orders.api.order.OrderCommand.CancelOrder;
import dev.orders.api.order.OrderCommand.ConfirmOrder;
import dev.orders.api.order.OrderCommand.DeliverOrder;
import dev.orders.api.order.OrderCommand.MarkOrderStockReserved;
import dev.orders.api.order.OrderCommand.PlaceOrder;
import dev.orders.api.order.OrderCommand.RejectOrder;
import dev.orders.api.order.OrderCommand.ShipOrder;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderDelivered;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import dev.orders.api.order.OrderLine;
import dev.orders.api.order.OrderStatus;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The order: decides which lifecycle steps are allowed and records them as events. Every command answers
 * with the status the order has afterwards. Repeating a step the order already took is a no-op, so sagas and
 * clients can retry safely; a step the lifecycle forbids is refused.
 *
 * <p>Registered by the command role and by the saga role, the two that send commands to orders: without Axon Server a
 * command reaches only the handlers in the JVM that sends it.
 */
@ConditionalOnRole({InstanceRole.COMMAND, InstanceRole.SAGA})
@Aggregate
class Order {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1_000;

    @AggregateIdentifier
    private UUID orderId;
    private String customerId;
    private List<OrderLine> lines;
    private String paymentToken;
    private OrderStatus status;

    Order() {
        // Axon rebuilds the order from its events, and creates it empty for PlaceOrder.
    }

    /**
     * Creation is "create if missing" so a repeat with the same Idempotency-Key reaches this handler and
     * answers with the existing order instead of failing on the event store's unique key.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    OrderStatus handle(PlaceOrder command) {
        if (status != null) {
            if (!isSameRequest(command)) {
                throw new ConflictException("Idempotency-Key was already used for a different order " + orderId);
            }
            return status;
        }
        validate(command);
        Money total = command.lines().stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
        apply(new OrderPlaced(command.orderId(), command.customerId(), List.copyOf(command.lines()), total,
                command.paymentToken()));
        return status;
    }

    @CommandHandler
    OrderStatus handle(MarkOrderStockReserved command) {
        if (status == OrderStatus.PLACED) {
            apply(new OrderStockReserved(orderId, customerId));
        }
        return status;
    }

    @CommandHandler
    OrderStatus handle(ConfirmOrder command) {
        if (status == OrderStatus.CONFIRMED) {
            return status;
        }
        requireStatus("confirm", OrderStatus.PLACED, OrderStatus.STOCK_RESERVED);
        apply(new OrderConfirmed(orderId, customerId, command.paymentId()));
        return status;
    }

    @CommandHandler
    OrderStatus handle(RejectOrder command) {
        if (status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED) {
            return status;
        }
        requireStatus("reject", OrderStatus.PLACED, OrderStatus.STOCK_RESERVED);
        apply(new OrderRejected(orderId, customerId, command.reason(), command.detail()));
        return status;
    }

    @CommandHandler
    OrderStatus handle(CancelOrder command) {
        if (command.requestedBy() != null && !command.requestedBy().equals(customerId)) {
            // The same answer as for an order that does not exist: a customer learns nothing of others' orders.
            throw new NotFoundException("order", orderId);
        }
        if (status == OrderStatus.CANCELLED) {
            return status;
        }
        if (!status.isCancellable()) {
            throw new IllegalTransitionException(
                    "Order " + orderId + " is " + status + " and can no longer be cancelled");
        }
        String reason = command.reason() == null || command.reason().isBlank() ? "cancelled" : command.reason();
        apply(new OrderCancelled(orderId, customerId, reason, status));
        return status;
    }

    @CommandHandler
    OrderStatus handle(ShipOrder command) {
        if (status == OrderStatus.SHIPPED) {
            return status;
        }
        requireStatus("ship", OrderStatus.CONFIRMED);
        apply(new OrderShipped(orderId, customerId));
        return status;
    }

    @CommandHandler
    OrderStatus handle(DeliverOrder command) {
        if (status == OrderStatus.DELIVERED) {
            return status;
        }
        requireStatus("deliver", OrderStatus.SHIPPED);
        apply(new OrderDelivered(orderId, customerId));
        return status;
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        customerId = event.customerId();
        lines = event.lines();
        paymentToken = event.paymentToken();
        status = OrderStatus.PLACED;
    }

    @EventSourcingHandler
    void on(OrderStockReserved event) {
        status = OrderStatus.STOCK_RESERVED;
    }

    @EventSourcingHandler
    void on(OrderConfirmed event) {
        status = OrderStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        status = OrderStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = OrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDelivered event) {
        status = OrderStatus.DELIVERED;
    }

    private void requireStatus(String step, OrderStatus... allowed) {
        for (OrderStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw new IllegalTransitionException("Cannot " + step + " order " + orderId + ": it is " + status);
    }

    /** Prices may have changed since the first attempt; what the customer asked for may not. */
    private boolean isSameRequest(PlaceOrder command) {
        return customerId.equals(command.customerId())
                && paymentToken.equals(command.paymentToken())
                && quantities(lines).equals(quantities(command.lines()));
    }

    private static Set<String> quantities(List<OrderLine> lines) {
        Set<String> result = new HashSet<>();
        lines.forEach(line -> result.add(line.sku() + "x" + line.quantity()));
        return result;
    }

    private static void validate(PlaceOrder command) {
        List<OrderLine> lines = command.lines();
        if (command.customerId() == null || command.customerId().isBlank()) {
            throw new InvalidRequestException("An order needs a customer");
        }
        if (command.paymentToken() == null || command.paymentToken().isBlank()) {
            throw new InvalidRequestException("An order needs a payment token");
        }
        if (lines == null || lines.isEmpty()) {
            throw new InvalidRequestException("An order needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidRequestException("An order has at most " + MAX_LINES + " lines");
        }
        Set<String> skus = new HashSet<>();
        String currency = lines.get(0).unitPrice().currency();
        for (OrderLine line : lines) {
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new InvalidRequestException(
                        "Quantity of " + line.sku() + " must be between 1 and " + MAX_QUANTITY);
            }
            if (!skus.add(line.sku())) {
                throw new InvalidRequestException("SKU " + line.sku() + " appears on more than one line");
            }
            if (!line.unitPrice().currency().equals(currency)) {
                throw new InvalidRequestException("All lines of an order must be priced in one currency");
            }
        }
    }
}
