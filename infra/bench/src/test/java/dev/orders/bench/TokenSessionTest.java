package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenSessionTest {

    private static final Credentials CUSTOMER = new Credentials("c@example.com", "customer password");

    @Test
    void aFifteenMinuteTokenIsRenewedAfterTenMinutesAndExpiresAfterFifteen() {
        long requested = 1_000_000_000L;
        TokenSession session = new TokenSession(TokenSession.Kind.CUSTOMER, "id-1", CUSTOMER,
                new TokenSession.Tokens("a1", "r1", 900), requested);
        long minute = TimeUnit.MINUTES.toNanos(1);

        assertThat(session.renewalDue(requested + 10 * minute - 1)).isFalse();
        assertThat(session.renewalDue(requested + 10 * minute)).isTrue();
        assertThat(session.expired(requested + 15 * minute - 1)).isFalse();
        assertThat(session.expired(requested + 15 * minute)).isTrue();
    }

    @Test
    void anUpdateTakesTheNewPairAndCountsItsLifeFromItsRequest() {
        TokenSession session = new TokenSession(TokenSession.Kind.CUSTOMER, "id-1", CUSTOMER,
                new TokenSession.Tokens("a1", "r1", 60), 0);
        long renewedAt = TimeUnit.SECONDS.toNanos(40);
        session.update(new TokenSession.Tokens("a2", "r2", 60), renewedAt);

        assertThat(session.accessToken()).isEqualTo("a2");
        assertThat(session.refreshToken()).isEqualTo("r2");
        assertThat(session.renewalDue(renewedAt + TimeUnit.SECONDS.toNanos(39))).isFalse();
        assertThat(session.renewalDue(renewedAt + TimeUnit.SECONDS.toNanos(40))).isTrue();
    }

    @Test
    void neitherTokensNorPasswordsShowInText() {
        TokenSession session = new TokenSession(TokenSession.Kind.OPERATOR, null,
                new Credentials("ops@example.com", "secret password"), new TokenSession.Tokens("eyJ.a", "rt-1", 900),
                0);
        assertThat(session.toString() + session.credentials() + new TokenSession.Tokens("eyJ.a", "rt-1", 900))
                .contains("ops@example.com")
                .doesNotContain("secret password", "eyJ.a", "rt-1");
    }
}
