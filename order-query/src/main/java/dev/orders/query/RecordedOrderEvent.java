package dev.orders.query;

import dev.orders.api.order.OrderEvent;
import java.time.Instant;

/** An order event with the sequence number and time the event store recorded it at. */
record RecordedOrderEvent(OrderEvent event, long sequence, Instant timestamp) {
}
