package dev.orders.platform.axon;

/**
 * How many of a processor's segments one instance should own when {@code instances} share {@code segments}: the
 * rounded-up share, so that every segment has room somewhere and a lone instance may own them all.
 */
final class FairShare {

    private FairShare() {
    }

    static int of(int segments, int instances) {
        return instances <= 1 ? segments : (segments + instances - 1) / instances;
    }

    /** How many segments an instance that owns {@code owned} should give up. */
    static int surplus(int owned, int segments, int instances) {
        return Math.max(0, owned - of(segments, instances));
    }
}
