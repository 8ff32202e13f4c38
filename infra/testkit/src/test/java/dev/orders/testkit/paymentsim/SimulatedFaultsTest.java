package dev.orders.testkit.paymentsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class SimulatedFaultsTest {

    private PaymentProviderSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(simulator.baseUrl()).responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static WebTestClient.ResponseSpec authorize(WebTestClient http, String paymentId) {
        return http.post().uri("/v1/authorizations").header("Idempotency-Key", paymentId)
                .bodyValue(Map.of("paymentId", paymentId, "amountCents", 500, "currency", "EUR",
                        "token", "tok_approve"))
                .exchange();
    }

    @Test
    void everyCallFailsWith503AndChangesNothingAtErrorRateOne() {
        simulator = PaymentProviderSimulator.builder().faults(SimulatedFaults.of(1, 0)).start();
        String payment = UUID.randomUUID().toString();
        authorize(http(), payment).expectStatus().isEqualTo(503);
        authorize(http(), payment).expectStatus().isEqualTo(503);
        assertThat(simulator.authorizations(payment)).isZero();
        assertThat(simulator.state(payment)).isNull();
    }

    @Test
    void faultsSetAtRunTimeApplyToLaterCallsAndCanBeEnded() {
        simulator = PaymentProviderSimulator.start(0);
        WebTestClient http = http();
        http.put().uri("/admin/faults").bodyValue(Map.of("errorRate", 1.0, "latencyMs", 0)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.errorRate").isEqualTo(1.0);
        String payment = UUID.randomUUID().toString();
        authorize(http, payment).expectStatus().isEqualTo(503);

        http.put().uri("/admin/faults").bodyValue(Map.of("errorRate", 0, "latencyMs", 0)).exchange()
                .expectStatus().isOk();
        authorize(http, payment).expectStatus().isOk();
        assertThat(simulator.authorizations(payment)).isEqualTo(1);
        http.get().uri("/admin/faults").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.errorRate").isEqualTo(0.0).jsonPath("$.latencyMs").isEqualTo(0);
    }

    @Test
    void addedLatencyDelaysTheAnswerOfAnAuthorisationThatIsStillMade() {
        simulator = PaymentProviderSimulator.builder().faults(SimulatedFaults.of(0, 400)).start();
        String payment = UUID.randomUUID().toString();
        long start = System.nanoTime();
        authorize(http(), payment).expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(simulator.authorizations(payment)).isEqualTo(1);
    }

    @Test
    void paymentReadsAreNeverFaulted() {
        simulator = PaymentProviderSimulator.start(0);
        String payment = UUID.randomUUID().toString();
        authorize(http(), payment).expectStatus().isOk();
        simulator.faults(SimulatedFaults.of(1, 0));
        http().get().uri("/v1/payments/{id}", payment).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.authorizations").isEqualTo(1);
    }

    @Test
    void refusesAnErrorRateOutsideZeroToOneAndNegativeLatency() {
        simulator = PaymentProviderSimulator.start(0);
        http().put().uri("/admin/faults").bodyValue(Map.of("errorRate", 1.5)).exchange()
                .expectStatus().isBadRequest();
        http().put().uri("/admin/faults").bodyValue(Map.of("latencyMs", -1)).exchange()
                .expectStatus().isBadRequest();
        assertThat(simulator.faults()).isEqualTo(SimulatedFaults.NONE);
        assertThatThrownBy(() -> SimulatedFaults.of(-0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
