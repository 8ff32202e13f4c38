package dev.orders.order;

import dev.orders.api.order.OrderStatus;
import java.util.UUID;

/** The answer to an order command: which order, and its status right after the command. */
public record OrderAccepted(UUID orderId, OrderStatus status) {
}
