package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesOfAKnownDistribution() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 1; ms <= 1000; ms++) {
            stats.recordMillis(ms);
        }
        LatencyStats.Summary summary = stats.summary();
        assertThat(summary.count()).isEqualTo(1000);
        // HdrHistogram keeps 3 significant digits: 0.1 % relative error at most.
        assertThat(summary.p50Ms()).isCloseTo(500, within(1.0));
        assertThat(summary.p95Ms()).isCloseTo(950, within(1.0));
        assertThat(summary.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(summary.maxMs()).isCloseTo(1000, within(1.0));
        assertThat(summary.meanMs()).isCloseTo(500.5, within(1.0));
    }

    @Test
    void subMillisecondValuesKeepMicrosecondResolution() {
        LatencyStats stats = new LatencyStats();
        stats.recordNanos(250_000);
        assertThat(stats.summary().p50Ms()).isCloseTo(0.25, within(0.001));
    }

    @Test
    void anEmptyDistributionSaysSo() {
        LatencyStats.Summary summary = new LatencyStats().summary();
        assertThat(summary.count()).isZero();
        assertThat(summary.toMap()).containsOnlyKeys("count");
        assertThat(summary.line()).isEqualTo("no samples");
    }

    @Test
    void recordsFromManyThreadsAtOnce() {
        LatencyStats stats = new LatencyStats();
        IntStream.range(0, 100_000).parallel().forEach(i -> stats.recordMillis(1 + i % 10));
        assertThat(stats.count()).isEqualTo(100_000);
        assertThat(stats.summary().maxMs()).isCloseTo(10, within(0.01));
    }

    @Test
    void valuesBeyondAnHourAreClampedNotLost() {
        LatencyStats stats = new LatencyStats();
        stats.recordMillis(5 * 3_600_000.0);
        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.summary().maxMs()).isCloseTo(3_600_000, within(3_600.0));
    }
}
