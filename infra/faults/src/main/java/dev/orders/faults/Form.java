package dev.orders.faults;

import java.time.Duration;

/** The sizes of a run: {@code short} for CI, {@code long} on demand. */
record Form(String name, int crashOrders, int crashKills, double rate, int outageOrders, Duration kafkaDown,
            Duration paymentFaultWindow, int duplicateClients, int duplicateOrders, int fuzzRequests,
            int scaleOutOrders, Duration settleTimeout) {

    static Form of(String name) {
        return switch (name) {
            case "short" -> new Form("short", 300, 2, 20, 300, Duration.ofSeconds(10), Duration.ofSeconds(10),
                    50, 40, 1_200, 300, Duration.ofMinutes(3));
            // 10 orders/s: what the saga sustains through every fault on two cores that other builds share too.
            case "long" -> new Form("long", 5_000, 5, 10, 1_500, Duration.ofSeconds(60), Duration.ofSeconds(60),
                    200, 200, 6_000, 2_000, Duration.ofMinutes(10));
            default -> throw new IllegalArgumentException("--form is short or long, not " + name);
        };
    }
}
