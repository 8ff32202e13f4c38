package dev.orders.app.export;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows how far an export got on standard error: on a terminal a bar redrawn in place, otherwise a line every few
 * seconds (so logs of a scheduled export stay readable). The total comes from {@code /api/v1/events/stats}.
 */
final class Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LINE_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final long total;
    private final boolean terminal;
    private final boolean quiet;
    private final long started = System.nanoTime();
    private long lastDrawn = Long.MIN_VALUE;
    private long events;

    Progress(PrintStream err, long total, boolean terminal, boolean quiet) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /** Counts one more event, redrawing when it is time to. */
    void advance(long count) {
        events += count;
        long now = System.nanoTime();
        if (!quiet && now - lastDrawn >= (terminal ? REDRAW_NANOS : LINE_NANOS)) {
            lastDrawn = now;
            draw(now);
        }
    }

    long events() {
        return events;
    }

    double seconds() {
        return Math.max(1, System.nanoTime() - started) / 1e9;
    }

    /** The last state, and a line break after a bar. */
    void finish() {
        if (!quiet) {
            draw(System.nanoTime());
            if (terminal) {
                err.println();
            }
        }
    }

    private void draw(long now) {
        err.print((terminal ? "\r" : "") + line(now) + (terminal ? "" : System.lineSeparator()));
        err.flush();
    }

    String line(long now) {
        double seconds = Math.max(1, now - started) / 1e9;
        double rate = events / seconds;
        double fraction = total <= 0 ? 1 : Math.min(1, (double) events / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate <= 0 || events >= total ? "" : String.format(Locale.ROOT, "  ETA %ds",
                (long) Math.ceil((total - events) / rate));
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %,d/%,d events  %,.0f events/s%s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), fraction * 100, events, Math.max(total, events),
                rate, eta);
    }
}
