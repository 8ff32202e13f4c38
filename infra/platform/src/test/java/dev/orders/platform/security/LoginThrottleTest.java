package dev.orders.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.platform.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new SecurityProperties.LoginThrottle(3, Duration.ofSeconds(2), Duration.ofSeconds(5)), clock);

    @Test
    void locksAnAddressAfterTheFreeFailuresAndDoublesTheLockUpToTheLimit() {
        for (int i = 0; i < 3; i++) {
            throttle.check("a@x.test");
            throttle.failed("a@x.test");
        }
        // The third failure was the last free one; the fourth locks.
        throttle.check("a@x.test");
        throttle.failed("A@X.test ");
        assertThatThrownBy(() -> throttle.check("a@x.test"))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
        clock.advance(Duration.ofSeconds(2));
        throttle.check("a@x.test");
        throttle.failed("a@x.test");
        assertThatThrownBy(() -> throttle.check("a@x.test"))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(4));
        clock.advance(Duration.ofSeconds(4));
        throttle.failed("a@x.test");
        assertThatThrownBy(() -> throttle.check("a@x.test"))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(5));
        // Other addresses are not affected.
        assertThatCode(() -> throttle.check("b@x.test")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessClearsTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("c@x.test");
        }
        clock.advance(Duration.ofSeconds(10));
        throttle.succeeded("c@x.test");
        throttle.failed("c@x.test");
        assertThatCode(() -> throttle.check("c@x.test")).doesNotThrowAnyException();
    }
}
