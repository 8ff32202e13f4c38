package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void twoHundredPerSecondIsOneEveryFiveMilliseconds() {
        RatePacer pacer = new RatePacer(200, SECOND);
        assertThat(pacer.total()).isEqualTo(200);
        assertThat(pacer.dueOffsetNanos(0)).isZero();
        assertThat(pacer.dueOffsetNanos(1)).isEqualTo(5_000_000);
        assertThat(pacer.dueOffsetNanos(199)).isEqualTo(995_000_000);
        assertThat(pacer.dueBy(0)).isEqualTo(1);
        assertThat(pacer.dueBy(4_999_999)).isEqualTo(1);
        assertThat(pacer.dueBy(5_000_000)).isEqualTo(2);
        assertThat(pacer.dueBy(SECOND / 2)).isEqualTo(101);
        assertThat(pacer.dueBy(10 * SECOND)).isEqualTo(200);
        assertThat(pacer.dueBy(-1)).isZero();
    }

    @Test
    void fractionalRatesAndWindows() {
        assertThat(new RatePacer(0.5, 10 * SECOND).total()).isEqualTo(5);
        assertThat(new RatePacer(3, SECOND + 1).total()).isEqualTo(4);
        assertThat(new RatePacer(3, SECOND).total()).isEqualTo(3);
        assertThat(new RatePacer(1000, 1).total()).isEqualTo(1);
    }

    @Test
    void dueCountNeverGoesBackAndMatchesTheOffsets() {
        RatePacer pacer = new RatePacer(333.3, 3 * SECOND);
        long previous = 0;
        for (long t = 0; t < 3 * SECOND; t += 777_777) {
            long due = pacer.dueBy(t);
            assertThat(due).isGreaterThanOrEqualTo(previous);
            if (due < pacer.total()) {
                assertThat(pacer.dueOffsetNanos(due)).isGreaterThan(t);
            }
            assertThat(pacer.dueOffsetNanos(due - 1)).isLessThanOrEqualTo(t);
            previous = due;
        }
        assertThat(pacer.total()).isEqualTo(1000);
    }
}
