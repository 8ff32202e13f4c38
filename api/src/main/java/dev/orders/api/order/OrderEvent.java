package dev.orders.api.order;

import dev.orders.api.Money;
import java.util.List;
import java.util.UUID;

/** Events of the Order aggregate. Each carries the customer so consumers need no lookup. */
public sealed interface OrderEvent {

    UUID orderId();

    String customerId();

    /** The order was accepted with catalogue prices; the fulfilment saga starts here. */
    record OrderPlaced(UUID orderId, String customerId, List<OrderLine> lines, Money total, String paymentToken)
            implements OrderEvent {

        /** Leaves the payment token out: events end up in log lines when a handler fails. */
        @Override
        public String toString() {
            return "OrderPlaced[orderId=" + orderId + ", customerId=" + customerId + ", lines=" + lines
                    + ", total=" + total + "]";
        }
    }

    record OrderStockReserved(UUID orderId, String customerId) implements OrderEvent {
    }

    /** Payment is authorised; the order will be fulfilled. */
    record OrderConfirmed(UUID orderId, String customerId, UUID paymentId) implements OrderEvent {
    }

    record OrderRejected(UUID orderId, String customerId, RejectionReason reason, String detail)
            implements OrderEvent {
    }

    /** Cancelled before shipping; {@code cancelledFrom} tells compensation what there is to undo. */
    record OrderCancelled(UUID orderId, String customerId, String reason, OrderStatus cancelledFrom)
            implements OrderEvent {
    }

    record OrderShipped(UUID orderId, String customerId) implements OrderEvent {
    }

    record OrderDelivered(UUID orderId, String customerId) implements OrderEvent {
    }
}
