package dev.orders.query;

import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderDelivered;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import dev.orders.api.order.OrderStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How an order event changes the order's view: a pure function, so the projection only does I/O. */
final class OrderViews {

    private OrderViews() {
    }

    /**
     * The view after {@code event}; {@code current} is null only before {@code OrderPlaced}. Timestamps are cut to
     * microseconds, PostgreSQL's precision, so the stored row, the change log and cursors agree.
     */
    static OrderView apply(OrderView current, OrderEvent event, long sequence, Instant timestamp) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MICROS);
        if (event instanceof OrderPlaced placed) {
            return new OrderView(placed.orderId(), placed.customerId(), OrderStatus.PLACED,
                    placed.lines().stream()
                            .map(line -> new OrderView.Line(line.sku(), line.quantity(), line.unitPrice().cents(),
                                    line.lineTotal().cents()))
                            .toList(),
                    placed.total().cents(), placed.total().currency(), null, null, null, at, at, sequence);
        }
        if (current == null) {
            throw new IllegalArgumentException("order " + event.orderId() + " has no view before "
                    + event.getClass().getSimpleName());
        }
        if (event instanceof OrderStockReserved) {
            return moved(current, OrderStatus.STOCK_RESERVED, at, sequence);
        }
        if (event instanceof OrderConfirmed) {
            return moved(current, OrderStatus.CONFIRMED, at, sequence);
        }
        if (event instanceof OrderShipped) {
            return moved(current, OrderStatus.SHIPPED, at, sequence);
        }
        if (event instanceof OrderDelivered) {
            return moved(current, OrderStatus.DELIVERED, at, sequence);
        }
        if (event instanceof OrderRejected rejected) {
            return new OrderView(current.orderId(), current.customerId(), OrderStatus.REJECTED, current.lines(),
                    current.totalCents(), current.currency(), rejected.reason(), rejected.detail(),
                    current.cancellationReason(), current.placedAt(), at, sequence);
        }
        if (event instanceof OrderCancelled cancelled) {
            return new OrderView(current.orderId(), current.customerId(), OrderStatus.CANCELLED, current.lines(),
                    current.totalCents(), current.currency(), current.rejectionReason(), current.rejectionDetail(),
                    cancelled.reason(), current.placedAt(), at, sequence);
        }
        // OrderEvent is sealed: reaching this line means a new event type was added without a view transition.
        throw new IllegalArgumentException("no view transition for " + event.getClass().getName());
    }

    /**
     * {@link #apply} behind the projection's guards: an event at or below the view's version (a redelivery or a
     * replay), or one that arrives before {@code OrderPlaced}, changes nothing and {@code current} comes back.
     */
    static OrderView applyIfNew(OrderView current, OrderEvent event, long sequence, Instant timestamp) {
        if (current != null && current.version() >= sequence) {
            return current;
        }
        if (current == null && !(event instanceof OrderPlaced)) {
            return null;
        }
        return apply(current, event, sequence, timestamp);
    }

    /**
     * The view as it was at {@code asOf}: the order's events in sequence order, up to the first one recorded after
     * {@code asOf}; null when the order did not exist yet.
     */
    static OrderView asOf(Iterable<RecordedOrderEvent> events, Instant asOf) {
        OrderView view = null;
        for (RecordedOrderEvent recorded : events) {
            if (recorded.timestamp().isAfter(asOf)) {
                break;
            }
            view = applyIfNew(view, recorded.event(), recorded.sequence(), recorded.timestamp());
        }
        return view;
    }

    private static OrderView moved(OrderView current, OrderStatus status, Instant at, long sequence) {
        return new OrderView(current.orderId(), current.customerId(), status, current.lines(), current.totalCents(),
                current.currency(), current.rejectionReason(), current.rejectionDetail(), current.cancellationReason(),
                current.placedAt(), at, sequence);
    }
}
