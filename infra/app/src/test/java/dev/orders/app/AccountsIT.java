package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.app.Sessions.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Sign-up, login, refresh, throttling and role grants over real HTTP, and no secret ever written to the logs. */
@ExtendWith(OutputCaptureExtension.class)
class AccountsIT extends IntegrationTest {

    private Sessions sessions;
    private WebTestClient anonymous;

    @BeforeEach
    void sessions() {
        sessions = new Sessions(port);
        anonymous = sessions.anonymous();
    }

    @Test
    void registersACustomerWhoLogsInAndSeesThemselves() {
        Session carol = sessions.newCustomer("carol");
        sessions.as(carol).get().uri("/api/v1/auth/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(carol.id())
                .jsonPath("$.email").isEqualTo(carol.email())
                .jsonPath("$.roles").isEqualTo(List.of("CUSTOMER"));
        // E-mail addresses are one account whatever their case.
        anonymous.post().uri("/api/v1/auth/register")
                .bodyValue(Map.of("email", carol.email().toUpperCase(), "password", "another long password")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").isEqualTo("An account with this e-mail address exists already");
        sessions.login(carol.email().toUpperCase(), carol.password());
    }

    @Test
    void refusesWeakPasswordsAndMalformedAddresses() {
        anonymous.post().uri("/api/v1/auth/register")
                .bodyValue(Map.of("email", OrdersClient.unique("dan") + "@example.com", "password", "short-pw")).exchange()
                .expectStatus().is4xxClientError()
                .expectBody().jsonPath("$.detail").isEqualTo("password must have at least 12 characters");
        anonymous.post().uri("/api/v1/auth/register")
                .bodyValue(Map.of("email", "not an address", "password", "long enough password")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
        anonymous.post().uri("/api/v1/auth/register")
                .bodyValue(Map.of("email", OrdersClient.unique("erin") + "@example.com", "password", "é".repeat(40)))
                .exchange()
                .expectStatus().is4xxClientError()
                .expectBody().jsonPath("$.detail").isEqualTo("password must be at most 72 bytes in UTF-8");
    }

    @Test
    void wrongPasswordsAreRefusedAndThenThrottled() {
        Session frank = sessions.newCustomer("frank");
        for (int i = 0; i < 5; i++) {
            anonymous.post().uri("/api/v1/auth/login")
                    .bodyValue(Map.of("email", frank.email(), "password", "wrong password " + i)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").isEqualTo("Wrong e-mail or password");
        }
        // An unknown address gets the same answer as a wrong password.
        anonymous.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", "nobody-" + frank.email(), "password", "whatever password")).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("Wrong e-mail or password");
        anonymous.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", frank.email(), "password", "wrong password again")).exchange()
                .expectStatus().isUnauthorized();
        // Six failures: locked now, even for the right password, with a hint when to come back.
        anonymous.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", frank.email(), "password", frank.password())).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("urn:orders:problem:rate-limited");
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReplayEndsEverySession() {
        Session grace = sessions.newCustomer("grace");
        Map<?, ?> renewed = refresh(grace.refreshToken()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(renewed.get("refreshToken")).isNotEqualTo(grace.refreshToken());
        assertThat(renewed.get("tokenType")).isEqualTo("Bearer");
        assertThat(((Number) renewed.get("expiresIn")).longValue()).isEqualTo(900);
        anonymous.get().uri("/api/v1/auth/me").header("Authorization", "Bearer " + renewed.get("accessToken"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(grace.id());

        refresh(grace.refreshToken()).expectStatus().isUnauthorized();
        // The replay revoked the token issued alongside, too: whoever holds it must log in again.
        refresh((String) renewed.get("refreshToken")).expectStatus().isUnauthorized();
        refresh("made-up-token").expectStatus().isUnauthorized();
    }

    @Test
    void operatorsGrantRolesThatCountFromTheNextToken() {
        Session ops = sessions.login(OPS_EMAIL, OPS_PASSWORD);
        Session heidi = sessions.newCustomer("heidi");
        sessions.as(heidi).get().uri("/api/v1/events/stats").exchange().expectStatus().isForbidden();

        sessions.as(ops).get().uri("/api/v1/admin/accounts?email={e}", heidi.email()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(heidi.id());
        sessions.as(ops).put().uri("/api/v1/admin/accounts/{id}/roles", heidi.id())
                .bodyValue(Map.of("roles", List.of("customer", "analyst"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles").isEqualTo(List.of("ANALYST", "CUSTOMER"));
        Map<?, ?> renewed = refresh(heidi.refreshToken()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        anonymous.get().uri("/api/v1/events/stats").header("Authorization", "Bearer " + renewed.get("accessToken"))
                .exchange().expectStatus().isOk();
        sessions.as(ops).put().uri("/api/v1/admin/accounts/{id}/roles", "00000000-0000-0000-0000-000000000000")
                .bodyValue(Map.of("roles", List.of("OPS"))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void passwordsTokensAndPaymentTokensNeverReachLogsOrErrorBodies(CapturedOutput output) {
        String password = "pw-" + OrdersClient.unique("secret") + "-never-logged";
        String email = OrdersClient.unique("ivan") + "@example.com";
        anonymous.post().uri("/api/v1/auth/register").bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isCreated();
        Session ivan = sessions.login(email, password);
        String wrong = anonymous.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", email, "password", password + "-typo")).exchange()
                .expectStatus().isUnauthorized().expectBody(String.class).returnResult().getResponseBody();
        String tooShort = anonymous.post().uri("/api/v1/auth/register")
                .bodyValue(Map.of("email", "x-" + email, "password", "tiny-secret")).exchange()
                .expectStatus().is4xxClientError().expectBody(String.class).returnResult().getResponseBody();

        String sku = OrdersClient.unique("SECRET");
        orders.createProduct(sku, 500, 3);
        String paymentToken = "tok_" + OrdersClient.unique("card").replace('-', '_');
        Map<?, ?> accepted = sessions.as(ivan).post().uri("/api/v1/orders")
                .bodyValue(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "paymentToken", paymentToken))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String rejected = sessions.as(ivan).post().uri("/api/v1/orders")
                .bodyValue(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1_001)), "paymentToken", paymentToken))
                .exchange().expectStatus().is4xxClientError().expectBody(String.class).returnResult().getResponseBody();
        orders.awaitStatus(java.util.UUID.fromString((String) accepted.get("orderId")), "REJECTED");
        refresh(ivan.refreshToken()).expectStatus().isOk();
        refresh(ivan.refreshToken()).expectStatus().isUnauthorized();

        for (String secret : List.of(password, ivan.accessToken(), ivan.refreshToken(), paymentToken)) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(wrong + tooShort + rejected).doesNotContain(secret);
        }
        assertThat(wrong + tooShort + rejected).doesNotContain("Exception", "at dev.orders", "at org.");
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return anonymous.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", token)).exchange();
    }
}
