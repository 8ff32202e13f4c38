package dev.orders.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification on one channel, as the log shows it.
 *
 * @param eventId   the event's id ({@code ce_id})
 * @param eventType the event's CloudEvents type, e.g. {@code dev.orders.order.OrderConfirmed}
 * @param recipient the e-mail address or webhook URL; null when skipped
 * @param attempts  delivery attempts made (0 when skipped or refused up front)
 * @param detail    why it was skipped or failed; null when sent
 */
public record NotificationLogEntry(long id, UUID orderId, String customerId, String eventId, String eventType,
                                   Channel channel, String recipient, DeliveryStatus status, int attempts,
                                   String detail, Instant createdAt) {
}
