package dev.orders.bench;

/**
 * Open-model arrival schedule: arrival i is due at {@code i / rate} seconds after the start, whatever happened
 * to earlier ones, so a slow server cannot slow the offered load down (no coordinated omission).
 */
final class RatePacer {

    private final double ratePerSecond;
    private final long windowNanos;

    RatePacer(double ratePerSecond, long windowNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.ratePerSecond = ratePerSecond;
        this.windowNanos = windowNanos;
    }

    /** Offset from the start at which arrival {@code index} (0-based) is due. */
    long dueOffsetNanos(long index) {
        return (long) Math.floor(index * 1e9 / ratePerSecond);
    }

    /** How many arrivals are due by {@code elapsedNanos} after the start (arrival 0 is due at once). */
    long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        long due = (long) Math.floor(elapsedNanos * ratePerSecond / 1e9) + 1;
        // Rounding of the product may put the boundary one off; settle it against dueOffsetNanos exactly.
        while (due > 0 && dueOffsetNanos(due - 1) > elapsedNanos) {
            due--;
        }
        while (dueOffsetNanos(due) <= elapsedNanos) {
            due++;
        }
        return Math.min(due, total());
    }

    /** Arrivals in the whole window: those due strictly before its end. */
    long total() {
        long count = (long) Math.ceil(windowNanos * ratePerSecond / 1e9);
        while (count > 0 && dueOffsetNanos(count - 1) >= windowNanos) {
            count--;
        }
        while (dueOffsetNanos(count) < windowNanos) {
            count++;
        }
        return count;
    }
}
