package dev.orders.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per processor segment, since when its token has stood still while behind the head. A segment that is
 * caught up or whose token moved since the last look starts over; the first look at a lagging segment starts its
 * clock, so a stall is reported at the earliest one stall time after it was first seen.
 */
final class StallWatch {

    private final Duration stallAfter;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    StallWatch(Duration stallAfter, Clock clock) {
        this.stallAfter = stallAfter;
        this.clock = clock;
    }

    /** Records one look at a segment and says for how long it has been stalled, or zero when it is not. */
    Duration observe(String segment, long position, long head) {
        Instant now = clock.instant();
        if (position >= head) {
            seen.remove(segment);
            return Duration.ZERO;
        }
        Seen last = seen.compute(segment, (key, previous) ->
                previous == null || previous.position() != position ? new Seen(position, now) : previous);
        Duration still = Duration.between(last.since(), now);
        return still.compareTo(stallAfter) >= 0 ? still : Duration.ZERO;
    }

    /** Drops segments not looked at any more (released to another instance, or the processor is gone). */
    void retain(Set<String> segments) {
        seen.keySet().retainAll(segments);
    }

    private record Seen(long position, Instant since) {
    }
}
