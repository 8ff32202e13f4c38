package dev.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import dev.orders.platform.metrics.ResilienceRegistries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/** The adapter's HTTP client and resilience policy against the provider simulator over real HTTP. */
class PaymentProviderClientTest {

    static final Duration TIME_LIMIT = Duration.ofMillis(300);
    static final Money AMOUNT = new Money(3_000, "EUR");

    private static PaymentProviderSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = PaymentProviderSimulator.start(0);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    /** Short time limit and back-off so the failure paths run fast; the breaker stays out of the way. */
    static PaymentProperties fastPolicy(String url, int attempts, int breakerMinimumCalls) {
        return new PaymentProperties(url, TIME_LIMIT, Duration.ofMillis(500),
                new PaymentProperties.Retry(attempts, Duration.ofMillis(20), 2.0, 0.5),
                new PaymentProperties.CircuitBreaker(50f, breakerMinimumCalls, breakerMinimumCalls,
                        Duration.ofMinutes(1), null),
                null);
    }

    private static PaymentProviderClient client() {
        return PaymentProviderClient.create(WebClient.builder(), fastPolicy(simulator.baseUrl(), 3, 100));
    }

    @Test
    void approvesAnApprovingCard() {
        UUID payment = UUID.randomUUID();
        StepVerifier.create(client().authorize(payment, AMOUNT, "tok_approve"))
                .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(AuthorizationOutcome.Approved.class,
                        approved -> assertThat(approved.authorizationId()).startsWith("auth_")))
                .verifyComplete();
        assertThat(simulator.authorizations(payment)).isEqualTo(1);
        assertThat(simulator.state(payment)).isEqualTo(PaymentProviderSimulator.State.AUTHORIZED);
    }

    @Test
    void declinedCardIsDeclinedWithoutRetrying() {
        UUID payment = UUID.randomUUID();
        StepVerifier.create(client().authorize(payment, AMOUNT, "tok_decline"))
                .expectNext(new AuthorizationOutcome.Declined("card_declined"))
                .verifyComplete();
        assertThat(simulator.attempts(PaymentProviderClient.key(payment, "authorize"))).isEqualTo(1);
        assertThat(simulator.authorizations(payment)).isZero();
    }

    @Test
    void slowProviderIsUnavailableWithinTheTimeLimits() {
        UUID payment = UUID.randomUUID();
        Duration elapsed = StepVerifier.create(client().authorize(payment, AMOUNT, "tok_slow"))
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(AuthorizationOutcome.Unavailable.class))
                .verifyComplete();
        // Three attempts of at most 300 ms plus short back-offs, far below the simulator's 5 s delay.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
        assertThat(simulator.attempts(PaymentProviderClient.key(payment, "authorize"))).isEqualTo(3);
    }

    @Test
    void flakyProviderIsApprovedAfterRetriesWithExactlyOneAuthorization() {
        UUID payment = UUID.randomUUID();
        StepVerifier.create(client().authorize(payment, AMOUNT, "tok_flaky"))
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(AuthorizationOutcome.Approved.class))
                .verifyComplete();
        assertThat(simulator.attempts(PaymentProviderClient.key(payment, "authorize"))).isEqualTo(3);
        assertThat(simulator.authorizations(payment)).isEqualTo(1);
    }

    @Test
    void flakyProviderThatOutlastsTheRetriesIsUnavailable() {
        UUID payment = UUID.randomUUID();
        PaymentProviderClient twoAttempts =
                PaymentProviderClient.create(WebClient.builder(), fastPolicy(simulator.baseUrl(), 2, 100));
        StepVerifier.create(twoAttempts.authorize(payment, AMOUNT, "tok_flaky"))
                .expectNext(new AuthorizationOutcome.Unavailable("payment provider answered HTTP 503"))
                .verifyComplete();
        assertThat(simulator.authorizations(payment)).isZero();
    }

    @Test
    void repeatedAuthorizationGetsTheFirstAnswerAndNoSecondHold() {
        UUID payment = UUID.randomUUID();
        PaymentProviderClient client = client();
        AuthorizationOutcome first = client.authorize(payment, AMOUNT, "tok_approve").block();
        AuthorizationOutcome second = client.authorize(payment, AMOUNT, "tok_approve").block();
        assertThat(second).isEqualTo(first);
        assertThat(simulator.authorizations(payment)).isEqualTo(1);
    }

    @Test
    void capturesOnceEvenWhenTheCaptureIsRepeated() {
        UUID payment = UUID.randomUUID();
        PaymentProviderClient client = client();
        client.authorize(payment, AMOUNT, "tok_approve").block();
        StepVerifier.create(client.capture(payment, AMOUNT)).verifyComplete();
        StepVerifier.create(client.capture(payment, AMOUNT)).verifyComplete();
        assertThat(simulator.captures(payment)).isEqualTo(1);
        assertThat(simulator.state(payment)).isEqualTo(PaymentProviderSimulator.State.CAPTURED);
    }

    @Test
    void refundsACapturedPayment() {
        UUID payment = UUID.randomUUID();
        PaymentProviderClient client = client();
        client.authorize(payment, AMOUNT, "tok_approve").block();
        client.capture(payment, AMOUNT).block();
        StepVerifier.create(client.refund(payment, AMOUNT)).verifyComplete();
        assertThat(simulator.state(payment)).isEqualTo(PaymentProviderSimulator.State.REFUNDED);
    }

    @Test
    void voidsAnAuthorization() {
        UUID payment = UUID.randomUUID();
        PaymentProviderClient client = client();
        client.authorize(payment, AMOUNT, "tok_approve").block();
        StepVerifier.create(client.voidAuthorization(payment)).verifyComplete();
        assertThat(simulator.state(payment)).isEqualTo(PaymentProviderSimulator.State.VOIDED);
        assertThat(simulator.captures(payment)).isZero();
    }

    @Test
    void voidOfAPaymentTheProviderDoesNotHoldHasNothingToRelease() {
        StepVerifier.create(client().voidAuthorization(UUID.randomUUID())).verifyComplete();
    }

    @Test
    void refusedCaptureFails() {
        UUID payment = UUID.randomUUID();
        PaymentProviderClient client = client();
        client.authorize(payment, AMOUNT, "tok_decline").block();
        StepVerifier.create(client.capture(payment, AMOUNT))
                .expectError(ProviderRefusedException.class)
                .verify();
        assertThat(simulator.captures(payment)).isZero();
    }

    @Test
    void openCircuitAnswersUnavailableWithoutCallingTheProvider() {
        PaymentProviderClient client =
                PaymentProviderClient.create(WebClient.builder(), fastPolicy(simulator.baseUrl(), 1, 2));
        client.authorize(UUID.randomUUID(), AMOUNT, "tok_flaky").block();
        client.authorize(UUID.randomUUID(), AMOUNT, "tok_flaky").block();
        assertThat(client.circuitState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);

        UUID payment = UUID.randomUUID();
        StepVerifier.create(client.authorize(payment, AMOUNT, "tok_approve"))
                .expectNext(new AuthorizationOutcome.Unavailable("payment provider circuit is open"))
                .verifyComplete();
        assertThat(simulator.attempts(PaymentProviderClient.key(payment, "authorize"))).isZero();
    }

    @Test
    void recordsEachCallAndEachAttemptByOperationAndOutcome() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PaymentProviderClient client = PaymentProviderClient.create(WebClient.builder(),
                fastPolicy(simulator.baseUrl(), 3, 100), ResilienceRegistries.meteredBy(meters), meters);
        UUID payment = UUID.randomUUID();

        client.authorize(payment, AMOUNT, "tok_flaky").block();
        client.authorize(UUID.randomUUID(), AMOUNT, "tok_decline").block();
        client.capture(payment, AMOUNT).block();

        assertThat(meters.get(ProviderMetrics.REQUESTS).tags("operation", "authorize", "outcome", "approved")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(ProviderMetrics.REQUESTS).tags("operation", "authorize", "outcome", "declined")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(ProviderMetrics.REQUESTS).tags("operation", "capture", "outcome", "succeeded")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(ProviderMetrics.ATTEMPTS).tags("operation", "authorize", "outcome", "unavailable")
                .counter().count()).as("the flaky card's two 503 answers").isEqualTo(2);
        assertThat(meters.get(ProviderMetrics.ATTEMPTS).tags("operation", "authorize", "outcome", "approved")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", "payment-provider", "state", "closed")
                .gauge().value()).isEqualTo(1);
    }

    @Test
    void openCircuitIsRecordedAsTheCallsOutcome() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PaymentProviderClient client = PaymentProviderClient.create(WebClient.builder(),
                fastPolicy(simulator.baseUrl(), 1, 2), ResilienceRegistries.meteredBy(meters), meters);
        client.authorize(UUID.randomUUID(), AMOUNT, "tok_flaky").block();
        client.authorize(UUID.randomUUID(), AMOUNT, "tok_flaky").block();

        client.authorize(UUID.randomUUID(), AMOUNT, "tok_approve").block();

        assertThat(meters.get(ProviderMetrics.REQUESTS).tags("operation", "authorize", "outcome", "circuit_open")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", "payment-provider", "state", "open")
                .gauge().value()).isEqualTo(1);
    }

    @Test
    void unreachableProviderIsUnavailable() {
        PaymentProviderSimulator stopped = PaymentProviderSimulator.start(0);
        String url = stopped.baseUrl();
        stopped.close();
        PaymentProviderClient client = PaymentProviderClient.create(WebClient.builder(), fastPolicy(url, 2, 100));
        StepVerifier.create(client.authorize(UUID.randomUUID(), AMOUNT, "tok_approve"))
                .expectNext(new AuthorizationOutcome.Unavailable("payment provider could not be reached"))
                .verifyComplete();
    }
}
