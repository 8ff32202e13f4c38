package dev.orders.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic identifiers. Deriving an id from what makes a request unique lets concurrent repeats
 * target the same aggregate, so the event store's unique (aggregate, sequence) key decides the winner.
 */
public final class Ids {

    private Ids() {
    }

    /** The order id for a customer's idempotency key. */
    public static UUID orderId(String customerId, String idempotencyKey) {
        return nameBased("order:" + customerId.length() + ":" + customerId + ":" + idempotencyKey);
    }

    /** The one payment that belongs to an order. */
    public static UUID paymentId(UUID orderId) {
        return nameBased("payment:" + orderId);
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
