package dev.orders.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
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
        now = now.plusSeconds(2);
        throttle.check("a@x.test");
        throttle.failed("a@x.test");
        assertThatThrownBy(() -> throttle.check("a@x.test"))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(4));
        now = now.plusSeconds(4);
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
        now = now.plusSeconds(10);
        throttle.succeeded("c@x.test");
        throttle.failed("c@x.test");
        assertThatCode(() -> throttle.check("c@x.test")).doesNotThrowAnyException();
    }
}
