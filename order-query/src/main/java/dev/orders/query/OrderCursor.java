package dev.orders.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.springframework.web.server.ServerWebInputException;

/** Where a page of the newest-first order list ended: the last (placed_at, order_id) shown. Opaque to clients. */
record OrderCursor(Instant placedAt, UUID orderId) {

    private static final String VERSION = "v1";

    static OrderCursor after(OrderView last) {
        return new OrderCursor(last.placedAt(), last.orderId());
    }

    /** Base64url of {@code v1:<epoch microseconds>:<order id>}; microseconds are PostgreSQL's precision. */
    String encode() {
        String plain = VERSION + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, placedAt) + ":" + orderId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this class encoded; anything else is the client's mistake (400). */
    static OrderCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", -1);
            if (parts.length == 3 && VERSION.equals(parts[0])) {
                UUID orderId = UUID.fromString(parts[2]);
                if (orderId.toString().equals(parts[2])) {
                    return new OrderCursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), orderId);
                }
            }
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // fall through: the same answer for every kind of garbage
        }
        throw new ServerWebInputException("cursor is not valid; pass the nextCursor of a previous page unchanged");
    }
}
