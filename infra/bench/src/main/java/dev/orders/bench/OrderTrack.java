package dev.orders.bench;

import java.util.UUID;

/** What the harness knows about one order it placed; times are System.nanoTime, 0 = not yet. */
final class OrderTrack {

    final UUID orderId;
    final String customerId;
    final String paymentToken;
    final long intendedNanos;
    final int units;
    final boolean measured;
    volatile long sentNanos;
    volatile long answeredNanos;
    /** HTTP status of the POST; 0 when it failed without an answer. */
    volatile int httpStatus;
    volatile long placedSeenNanos;
    volatile long confirmedSeenNanos;
    volatile long settledSeenNanos;
    volatile String settledStatus;
    volatile String rejectionReason;
    /** Settled according to GET /api/v1/orders/{id} although its SSE stream never said so. */
    volatile boolean settledOnlyByLookup;

    volatile String rejectionDetail;

    OrderTrack(UUID orderId, String customerId, String paymentToken, long intendedNanos, boolean measured,
               int units) {
        this.units = units;
        this.orderId = orderId;
        this.customerId = customerId;
        this.paymentToken = paymentToken;
        this.intendedNanos = intendedNanos;
        this.measured = measured;
    }

    boolean accepted() {
        return httpStatus == 202;
    }

    /** No answer or a server error: the order may or may not exist. */
    boolean outcomeUnknown() {
        return httpStatus == 0 || httpStatus >= 500;
    }

    boolean settled() {
        return settledStatus != null;
    }

    /** CONFIRMED counts as settled here: it is stable until someone ships or cancels, which the harness never does. */
    static boolean isSettled(String status) {
        return switch (status) {
            case "CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED", "DELIVERED" -> true;
            default -> false;
        };
    }
}
