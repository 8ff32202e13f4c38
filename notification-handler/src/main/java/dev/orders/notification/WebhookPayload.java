package dev.orders.notification;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a webhook request: {@code {id, type, orderId, customerId, status, occurredAt, data}}, where
 * {@code id} is the event id (stable across redeliveries, so receivers can de-duplicate), {@code type} the event's
 * CloudEvents type and {@code data} the event as published.
 */
final class WebhookPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayload() {
    }

    /** The exact bytes that are signed and sent. */
    static byte[] body(OrderNotice notice) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", notice.eventId());
        body.put("type", notice.eventType());
        body.put("orderId", notice.orderId().toString());
        body.put("customerId", notice.customerId());
        body.put("status", notice.status().name());
        body.put("occurredAt", notice.occurredAt().toString());
        body.set("data", notice.data());
        return JSON.writeValueAsBytes(body);
    }
}
