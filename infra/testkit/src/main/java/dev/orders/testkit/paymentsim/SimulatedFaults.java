package dev.orders.testkit.paymentsim;

import java.time.Duration;

/**
 * The simulator's global fault mode: every payment call (authorise, capture, void, refund), whatever its token,
 * fails with 503 at {@code errorRate} (0 to 1) before anything is processed, and every answer is sent only after
 * {@code latency} on top of the token's own behaviour. {@link #NONE} is the normal simulator.
 */
public record SimulatedFaults(double errorRate, Duration latency) {

    /** No injected faults. */
    public static final SimulatedFaults NONE = new SimulatedFaults(0, Duration.ZERO);

    public SimulatedFaults {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be between 0 and 1, was " + errorRate);
        }
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive, was " + latency);
        }
    }

    /** Parses the {@code payment-simulator} command's flag values, e.g. {@code 0.3} and {@code 2000}. */
    public static SimulatedFaults of(double errorRate, long latencyMillis) {
        return new SimulatedFaults(errorRate, Duration.ofMillis(latencyMillis));
    }

    public boolean active() {
        return errorRate > 0 || !latency.isZero();
    }
}
