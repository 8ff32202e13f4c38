package dev.orders.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Start-up refuses to run with a missing or weak token secret, with one message that says what to set. */
class SecurityPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(JwtConfiguration.class);

    @Test
    void missingSecretStopsStartUpWithAClearMessage() {
        context.run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ORDERS_JWT_SECRET")
                .hasMessageContaining("at least 32 bytes"));
    }

    @Test
    void shortSecretStopsStartUp() {
        context.withPropertyValues("orders.security.jwt.secret=too-short")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("is 9 bytes; HS256 needs at least 32"));
    }

    @Test
    void aLongEnoughSecretOrAKeySetStarts() {
        context.withPropertyValues("orders.security.jwt.secret=" + "s".repeat(32))
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(AccessTokens.class));
        context.withPropertyValues("orders.security.jwt.jwks-uri=http://127.0.0.1:1/keys")
                .run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(AccessTokens.class));
    }

    @Test
    void invalidBcryptStrengthIsRefused() {
        context.withPropertyValues("orders.security.jwt.secret=" + "s".repeat(32),
                        "orders.security.bcrypt-strength=40")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("bcrypt-strength"));
    }
}
