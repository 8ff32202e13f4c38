package dev.orders.query;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How far a live event processor got: every position up to {@code index} except the {@code gaps} (positions the
 * store had handed out but not yet committed when the processor passed them; it handles them when they appear).
 */
record ProcessedPosition(long index, SortedSet<Long> gaps) {

    /** A processor that has handled nothing yet. */
    static final ProcessedPosition NOTHING = new ProcessedPosition(-1, new TreeSet<>());

    ProcessedPosition {
        gaps = new TreeSet<>(gaps);
    }

    static ProcessedPosition of(long index, Collection<Long> gaps) {
        return new ProcessedPosition(index, new TreeSet<>(gaps));
    }

    /** Whether the event at {@code position} has been handled. */
    boolean covers(long position) {
        return position <= index && !gaps.contains(position);
    }

    /** The highest position up to which every event has been handled. */
    long contiguous() {
        return gaps.isEmpty() ? index : Math.min(index, gaps.first() - 1);
    }
}
