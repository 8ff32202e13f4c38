package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessRefusedTest {

    private static final TokenSession OPERATOR = new TokenSession(TokenSession.Kind.OPERATOR, null,
            new Credentials("ops@example.com", "operator password"), new TokenSession.Tokens("a", "r", 900), 0);
    private static final TokenSession CUSTOMER = new TokenSession(TokenSession.Kind.CUSTOMER, "id-1",
            new Credentials("bench-x-c1@example.com", "customer password"), new TokenSession.Tokens("a", "r", 900), 0);

    @Test
    void tooManyRequestsNamesTheLimitsToRaise() {
        AccessRefused refusal = AccessRefused.withToken(429, "POST /api/v1/products",
                "{\"status\":429,\"detail\":\"Too many requests; retry after 1 s\"}", OPERATOR);
        assertThat(refusal.status).isEqualTo(429);
        assertThat(refusal).hasMessage("the instance answered 429 to POST /api/v1/products (Too many requests; retry"
                + " after 1 s): start it with ORDERS_RATE_LIMIT_WRITES_PER_SECOND=100000"
                + " ORDERS_RATE_LIMIT_WRITE_BURST=100000 ORDERS_RATE_LIMIT_LOGINS_PER_MINUTE=100000 for a benchmark");
    }

    @Test
    void aForbiddenOperatorCallNamesTheOperatorVariable() {
        assertThat(AccessRefused.withToken(403, "POST /api/v1/admin/projections/order-view/rebuild",
                "{\"detail\":\"Your roles do not allow this request\"}", OPERATOR))
                .hasMessageContaining("(Your roles do not allow this request)")
                .hasMessageContaining("ORDERS_BENCH_OPS_EMAIL=ops@example.com must name an account with the OPS role");
    }

    @Test
    void anUnacceptedTokenSaysWhoseAndWhatTheInstanceMustDo() {
        assertThat(AccessRefused.withToken(401, "POST /api/v1/orders", "", CUSTOMER))
                .hasMessageContaining("(no details)")
                .hasMessageContaining("customer's access token was not accepted")
                .hasMessageContaining("ORDERS_JWT_SECRET");
    }

    @Test
    void aLockedOperatorIsToldToCheckThePasswordNotTheLimits() {
        AccessRefused refusal = AccessRefused.atAccounts(429, "POST /api/v1/auth/login",
                "{\"detail\":\"Too many failed logins for this account; try again later\"}", "ops@example.com");
        assertThat(refusal).hasMessageContaining("locked after failed logins; check ORDERS_BENCH_OPS_PASSWORD")
                .hasMessageNotContaining("ORDERS_RATE_LIMIT");
        assertThat(AccessRefused.atAccounts(429, "POST /api/v1/auth/login",
                "{\"detail\":\"Too many account requests from this address; retry after 3 s\"}", "ops@example.com"))
                .hasMessageContaining(AccessRefused.RAISE_LIMITS);
    }

    @Test
    void anInstanceWithoutLocalAccountsIsNamedAsSuch() {
        assertThat(AccessRefused.atAccounts(404, "POST /api/v1/auth/login", "Not Found", "ops@example.com"))
                .hasMessageContaining("(Not Found)")
                .hasMessageContaining("no local accounts")
                .hasMessageContaining("ORDERS_JWT_JWKS_URI");
    }

    @Test
    void onlyRefusalsThatNoRetryCuresStopTheRun() {
        assertThat(AccessRefused.stopsTheRun(401)).isTrue();
        assertThat(AccessRefused.stopsTheRun(403)).isTrue();
        assertThat(AccessRefused.stopsTheRun(429)).isTrue();
        assertThat(AccessRefused.stopsTheRun(404)).isFalse();
        assertThat(AccessRefused.stopsTheRun(409)).isFalse();
        assertThat(AccessRefused.stopsTheRun(503)).isFalse();
    }
}
