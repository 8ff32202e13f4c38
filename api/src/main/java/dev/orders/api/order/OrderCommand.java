package dev.orders.api.order;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands the Order aggregate accepts. */
public sealed interface OrderCommand {

    UUID orderId();

    /** Places an order; lines already carry catalogue prices. Repeating it with the same content is a no-op. */
    record PlaceOrder(@TargetAggregateIdentifier UUID orderId, String customerId, List<OrderLine> lines,
                      String paymentToken) implements OrderCommand {

        /** Leaves the payment token out: commands end up in log lines when they fail. */
        @Override
        public String toString() {
            return "PlaceOrder[orderId=" + orderId + ", customerId=" + customerId + ", lines=" + lines + "]";
        }
    }

    record MarkOrderStockReserved(@TargetAggregateIdentifier UUID orderId) implements OrderCommand {
    }

    record ConfirmOrder(@TargetAggregateIdentifier UUID orderId, UUID paymentId) implements OrderCommand {
    }

    record RejectOrder(@TargetAggregateIdentifier UUID orderId, RejectionReason reason, String detail)
            implements OrderCommand {
    }

    /**
     * Cancels an order for {@code requestedBy}, the customer asking; {@code null} when an operator cancels. A customer
     * other than the order's own is told the order does not exist.
     */
    record CancelOrder(@TargetAggregateIdentifier UUID orderId, String reason, String requestedBy)
            implements OrderCommand {
    }

    record ShipOrder(@TargetAggregateIdentifier UUID orderId) implements OrderCommand {
    }

    record DeliverOrder(@TargetAggregateIdentifier UUID orderId) implements OrderCommand {
    }
}
