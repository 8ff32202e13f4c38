package dev.orders.query;

import java.time.Instant;

/**
 * A projection's rebuild as the admin API shows it. {@code position} is the last event-store position the rebuild
 * has read, {@code headPosition} the store's newest; {@code percent}, {@code eventsPerSecond} and
 * {@code etaSeconds} derive from them ({@code etaSeconds} is null when unknown).
 */
public record ProjectionStatus(String name, State state, long position, long headPosition, double percent,
                               long events, double eventsPerSecond, Long etaSeconds, Instant startedAt,
                               Instant finishedAt, String error) {

    /** Where a rebuild stands. */
    public enum State {
        /** No rebuild since this instance started. */
        IDLE,
        /** Replaying events into the copy while the live table answers queries. */
        REBUILDING,
        /** Live processor paused: catching up the last events and swapping the tables. */
        SWAPPING,
        DONE,
        FAILED;

        boolean running() {
            return this == REBUILDING || this == SWAPPING;
        }
    }
}
