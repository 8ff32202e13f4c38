package dev.orders.testkit.paymentsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class PaymentProviderSimulatorTest {

    private static PaymentProviderSimulator simulator;
    private static WebTestClient http;

    @BeforeAll
    static void start() {
        simulator = PaymentProviderSimulator.start(0, Duration.ofMillis(300), 2);
        http = WebTestClient.bindToServer().baseUrl(simulator.baseUrl()).responseTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static Map<String, Object> authorization(String paymentId, String token) {
        return Map.of("paymentId", paymentId, "amountCents", 3_000, "currency", "EUR", "token", token);
    }

    private static WebTestClient.ResponseSpec authorize(String key, String paymentId, String token) {
        return http.post().uri("/v1/authorizations").header("Idempotency-Key", key)
                .bodyValue(authorization(paymentId, token)).exchange();
    }

    @Test
    void repeatedKeyReturnsTheFirstAnswerWithoutASecondAuthorization() {
        String payment = UUID.randomUUID().toString();
        String first = authorize(payment + ":authorize", payment, "tok_approve").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("authorizationId").toString();
        authorize(payment + ":authorize", payment, "tok_approve").expectStatus().isOk()
                .expectBody().jsonPath("$.authorizationId").isEqualTo(first);
        assertThat(simulator.authorizations(payment)).isEqualTo(1);
    }

    @Test
    void newKeyForTheSamePaymentShowsUpAsASecondAuthorization() {
        String payment = UUID.randomUUID().toString();
        authorize("a", payment, "tok_approve").expectStatus().isOk();
        authorize("b", payment, "tok_approve").expectStatus().isOk();
        assertThat(simulator.authorizations(payment)).isEqualTo(2);
    }

    @Test
    void declineCardAnswers402() {
        String payment = UUID.randomUUID().toString();
        authorize(payment + ":authorize", payment, "tok_decline").expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.status").isEqualTo("DECLINED").jsonPath("$.reason").isEqualTo("card_declined");
        assertThat(simulator.state(payment)).isEqualTo(PaymentProviderSimulator.State.DECLINED);
    }

    @Test
    void unknownTokenIsDeclined() {
        String payment = UUID.randomUUID().toString();
        authorize(payment + ":authorize", payment, "tok_other").expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.reason").isEqualTo("unknown_test_token");
    }

    @Test
    void flakyCardFailsTwicePerKeyThenApproves() {
        String payment = UUID.randomUUID().toString();
        String key = payment + ":authorize";
        authorize(key, payment, "tok_flaky").expectStatus().isEqualTo(503);
        authorize(key, payment, "tok_flaky").expectStatus().isEqualTo(503);
        authorize(key, payment, "tok_flaky").expectStatus().isOk();
        assertThat(simulator.attempts(key)).isEqualTo(3);
        assertThat(simulator.authorizations(payment)).isEqualTo(1);
    }

    @Test
    void slowCardIsAuthorisedOnArrivalButAnsweredLate() {
        String payment = UUID.randomUUID().toString();
        long started = System.nanoTime();
        authorize(payment + ":authorize", payment, "tok_slow").expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(simulator.state(payment)).isEqualTo(PaymentProviderSimulator.State.AUTHORIZED);
    }

    @Test
    void capturesOncePerKeyAndShowsThePayment() {
        String payment = UUID.randomUUID().toString();
        authorize(payment + ":authorize", payment, "tok_approve").expectStatus().isOk();
        for (int i = 0; i < 2; i++) {
            http.post().uri("/v1/payments/{id}/capture", payment).header("Idempotency-Key", payment + ":capture")
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CAPTURED");
        }
        http.get().uri("/v1/payments/{id}", payment).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.captures").isEqualTo(1).jsonPath("$.status").isEqualTo("CAPTURED");
        assertThat(simulator.captures(payment)).isEqualTo(1);
    }

    @Test
    void capturedPaymentCannotBeVoided() {
        String payment = UUID.randomUUID().toString();
        authorize(payment + ":authorize", payment, "tok_approve").expectStatus().isOk();
        http.post().uri("/v1/payments/{id}/capture", payment).header("Idempotency-Key", payment + ":capture")
                .exchange().expectStatus().isOk();
        http.post().uri("/v1/payments/{id}/void", payment).header("Idempotency-Key", payment + ":void")
                .exchange().expectStatus().isEqualTo(409);
        assertThat(simulator.state(payment)).isEqualTo(PaymentProviderSimulator.State.CAPTURED);
    }

    @Test
    void unknownPaymentIsNotFound() {
        String payment = UUID.randomUUID().toString();
        http.post().uri("/v1/payments/{id}/capture", payment).header("Idempotency-Key", payment + ":capture")
                .exchange().expectStatus().isNotFound();
        http.get().uri("/v1/payments/{id}", payment).exchange().expectStatus().isNotFound();
    }

    @Test
    void requestWithoutIdempotencyKeyIsRefused() {
        http.post().uri("/v1/authorizations").bodyValue(authorization("p", "tok_approve")).exchange()
                .expectStatus().isBadRequest();
        assertThat(simulator.authorizations("p")).isZero();
    }
}
