package dev.orders.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

    /**
     * A random (version 4) UUID for ids that must be unique but need not be unguessable, such as request ids. Unlike
     * {@link UUID#randomUUID()} it never reads the OS entropy source, so it is safe on an event-loop thread.
     */
    public static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
