package dev.orders.app;

import dev.orders.platform.security.AccessTokens;
import dev.orders.platform.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Tokens signed with the tests' secret, exactly as the application signs them after a login: the application's
 * decoder checks them for real. Tests that are about accounts log in through the API instead.
 */
final class TestTokens {

    /** What every application instance in the tests is configured with. */
    static final String SECRET = "orders-integration-tests-secret-not-for-production";

    private static final AccessTokens TOKENS = new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), "orders",
            Duration.ofHours(4), Clock.systemUTC());
    private static final String STAFF = TOKENS.issue("staff", "staff@orders.test", Set.of(Role.OPS, Role.ANALYST));

    private TestTokens() {
    }

    /** An operator who is also an analyst: sees and runs everything except placing orders. */
    static String staff() {
        return STAFF;
    }

    /** A customer whose customer id is {@code customerId}. */
    static String customer(String customerId) {
        return TOKENS.issue(customerId, customerId + "@example.com", Set.of(Role.CUSTOMER));
    }

    static String of(String subject, Role... roles) {
        return TOKENS.issue(subject, subject + "@example.com", Set.of(roles));
    }
}
