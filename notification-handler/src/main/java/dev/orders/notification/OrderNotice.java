package dev.orders.notification;

import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderStatus;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An integration event that the customer hears about, as read from the topic.
 *
 * @param eventId     the CloudEvents id ({@code ce_id}): the same for every redelivery of the event
 * @param eventType   the CloudEvents type, e.g. {@code dev.orders.order.OrderConfirmed}
 * @param status      the order's status after the event
 * @param occurredAt  when the event happened ({@code ce_time})
 * @param event       the event record
 * @param data        the event as published (the record's JSON value)
 * @param traceparent the W3C trace context of the event, if any
 */
record OrderNotice(String eventId, String eventType, UUID orderId, String customerId, OrderStatus status,
                   Instant occurredAt, OrderEvent event, JsonNode data, String traceparent) {
}
