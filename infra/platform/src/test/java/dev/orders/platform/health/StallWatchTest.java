package dev.orders.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.platform.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StallWatchTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StallWatch watch = new StallWatch(Duration.ofSeconds(60), clock);

    @Test
    void reportsASegmentThatLagsWithoutMovingForTheStallTime() {
        assertThat(watch.observe("p#0", 10, 20)).isZero();
        clock.advance(Duration.ofSeconds(59));
        assertThat(watch.observe("p#0", 10, 20)).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.observe("p#0", 10, 20)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aMovingTokenIsNotStalledHoweverFarBehind() {
        watch.observe("p#0", 10, 1000);
        clock.advance(Duration.ofSeconds(50));
        watch.observe("p#0", 11, 1000);
        clock.advance(Duration.ofSeconds(50));
        assertThat(watch.observe("p#0", 11, 1000)).as("moved 50 s ago").isZero();
    }

    @Test
    void aCaughtUpSegmentIsNeverStalledAndStartsOverWhenItLagsAgain() {
        watch.observe("p#0", 5, 20);
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.observe("p#0", 20, 20)).isZero();
        clock.advance(Duration.ofSeconds(120));
        assertThat(watch.observe("p#0", 20, 20)).as("idle but caught up").isZero();
        assertThat(watch.observe("p#0", 20, 21)).as("just fell behind").isZero();
    }

    @Test
    void forgetsSegmentsNoLongerWatched() {
        watch.observe("p#0", 1, 2);
        watch.observe("p#1", 1, 2);
        watch.retain(Set.of("p#1"));
        clock.advance(Duration.ofSeconds(60));
        assertThat(watch.observe("p#0", 1, 2)).as("clock restarted").isZero();
        assertThat(watch.observe("p#1", 1, 2)).isEqualTo(Duration.ofSeconds(60));
    }
}
