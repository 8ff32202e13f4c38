package dev.orders.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution recorded from many threads at microsecond resolution (HdrHistogram, 3 significant
 * digits, up to one hour), summarised as percentiles in milliseconds.
 */
final class LatencyStats {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);

    void recordNanos(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
        histogram.recordValue(micros);
    }

    void recordMillis(double millis) {
        recordNanos(Math.round(millis * 1_000_000));
    }

    long count() {
        return histogram.getTotalCount();
    }

    Summary summary() {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return Summary.EMPTY;
        }
        return new Summary(copy.getTotalCount(),
                ms(copy.getMean()), ms(copy.getValueAtPercentile(50)), ms(copy.getValueAtPercentile(90)),
                ms(copy.getValueAtPercentile(95)), ms(copy.getValueAtPercentile(99)),
                ms(copy.getValueAtPercentile(99.9)), ms(copy.getMaxValue()));
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }

    /** Percentiles in milliseconds. */
    record Summary(long count, double meanMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
                   double p999Ms, double maxMs) {

        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0, 0, 0);

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("count", count);
            if (count > 0) {
                map.put("meanMs", meanMs);
                map.put("p50Ms", p50Ms);
                map.put("p90Ms", p90Ms);
                map.put("p95Ms", p95Ms);
                map.put("p99Ms", p99Ms);
                map.put("p999Ms", p999Ms);
                map.put("maxMs", maxMs);
            }
            return map;
        }

        /** One line for the table. */
        String line() {
            if (count == 0) {
                return "no samples";
            }
            return String.format(Locale.ROOT, "p50 %s  p95 %s  p99 %s  max %s ms  (n=%d)",
                    fmt(p50Ms), fmt(p95Ms), fmt(p99Ms), fmt(maxMs), count);
        }

        private static String fmt(double ms) {
            return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
        }
    }
}
