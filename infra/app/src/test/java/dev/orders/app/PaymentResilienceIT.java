package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Ids;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import dev.orders.testkit.paymentsim.SimulatedFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The payment provider's resilience policy end to end, over real HTTP against the simulator, with a real PostgreSQL
 * and Kafka: flaky answers within the policy are retried into a confirmed order charged once; a provider that does
 * not answer in time rejects orders as {@code PAYMENT_UNAVAILABLE} and opens the circuit, which then rejects orders
 * without calling the provider, and closes again after its wait once calls succeed. Runs an instance of its own
 * (own database and simulator) with a small breaker window and short waits, so that opening the circuit disturbs no
 * other test; the shared context keeps its breaker out of the way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaymentResilienceIT {

    private static final Duration WAIT_IN_OPEN_STATE = Duration.ofSeconds(4);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private static PaymentProviderSimulator provider;
    private static ConfigurableApplicationContext app;
    private static OrdersClient client;
    private static WebClient scraper;
    private static WebClient simulator;
    private static String sku;
    private static final List<UUID> placed = new ArrayList<>();

    @BeforeAll
    static void instanceWithASmallBreakerWindow() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        PostgresServer postgres = TestPostgres.freshDatabase("payment_resilience");
        // Slow answers come after 1.5 s: five times the time limit below.
        provider = PaymentProviderSimulator.start(0, Duration.ofMillis(1_500), 2);
        app = new SpringApplicationBuilder(OrdersApplication.class, PrivateNettyResources.class)
                .properties(Map.ofEntries(
                        Map.entry("PORT", "0"),
                        Map.entry("ORDERS_JWT_SECRET", TestTokens.SECRET),
                        Map.entry("spring.datasource.url", postgres.jdbcUrl()),
                        Map.entry("spring.datasource.username", postgres.username()),
                        Map.entry("spring.datasource.password", postgres.password()),
                        Map.entry("PAYMENT_PROVIDER_URL", provider.baseUrl()),
                        Map.entry("KAFKA_BOOTSTRAP_SERVERS", TestKafka.shared().bootstrapServers()),
                        Map.entry("orders.payment.time-limit", "300ms"),
                        Map.entry("orders.payment.retry.max-attempts", "3"),
                        Map.entry("orders.payment.retry.initial-backoff", "20ms"),
                        Map.entry("orders.payment.circuit-breaker.failure-rate-threshold", "50"),
                        Map.entry("orders.payment.circuit-breaker.sliding-window-size", "6"),
                        Map.entry("orders.payment.circuit-breaker.minimum-calls", "6"),
                        Map.entry("orders.payment.circuit-breaker.wait-in-open-state", WAIT_IN_OPEN_STATE.toString()),
                        Map.entry("orders.payment.circuit-breaker.half-open-calls", "2")))
                .run();
        String baseUrl = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        client = new OrdersClient(WebTestClient.bindToServer().baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30)).build(), baseUrl);
        scraper = WebClient.builder().baseUrl(baseUrl)
                .defaultHeader("Authorization", "Bearer " + TestTokens.staff())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20)).build();
        simulator = WebClient.builder().baseUrl(provider.baseUrl()).build();
        sku = OrdersClient.unique("RESILIENCE");
        client.createProduct(sku, 990, 1_000);
    }

    @AfterAll
    static void stopAll() {
        try {
            for (UUID orderId : placed) {
                Map<String, Object> payment = payment(orderId);
                if (payment != null) {
                    assertThat((Integer) payment.get("authorizations")).as("authorisations of %s", orderId)
                            .isLessThanOrEqualTo(1);
                    assertThat((Integer) payment.get("captures")).as("captures of %s", orderId)
                            .isLessThanOrEqualTo(1);
                }
            }
        } finally {
            if (app != null) {
                app.close();
            }
            if (provider != null) {
                provider.close();
            }
        }
    }

    @Test
    @Order(1)
    void flakyProviderWithinThePolicyConfirmsTheOrderAndChargesItOnce() {
        UUID orderId = place("tok_flaky");

        client.awaitStatus(orderId, "CONFIRMED");
        client.step(orderId, "ship", HttpStatus.ACCEPTED);
        client.awaitStatus(orderId, "SHIPPED");

        Map<String, Object> payment = Awaitility.await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> payment(orderId), answer -> "CAPTURED".equals(answer.get("status")));
        assertThat(payment).containsEntry("authorizations", 1).containsEntry("captures", 1);
        Scrape scrape = scrape();
        assertThat(scrape.value("orders_payment_provider_attempts_total", "operation", "authorize",
                "outcome", "unavailable")).as("the two 503 answers, retried").contains(2.0);
        assertThat(scrape.value("resilience4j_retry_calls_total", "name", "payment-provider",
                "kind", "successful_with_retry")).hasValueSatisfying(calls -> assertThat(calls).isGreaterThan(0));
        assertThat(breakerState(scrape)).isEqualTo("closed");
    }

    @Test
    @Order(2)
    void circuitOpensWhileTheProviderDoesNotAnswerAndClosesOnceItAnswersAgain() {
        // The provider answers everything after 1.5 s, five times the time limit: each order makes three attempts
        // that all time out, and the circuit opens within two orders.
        provider.faults(SimulatedFaults.of(0, 1_500));
        List<UUID> slow = new ArrayList<>();
        while (!breakerState(scrape()).equals("open")) {
            assertThat(slow).as("slow orders placed without the circuit opening").hasSizeLessThan(4);
            UUID orderId = place("tok_approve");
            slow.add(orderId);
            assertThat(client.awaitStatus(orderId, "REJECTED")).containsEntry("rejectionReason",
                    "PAYMENT_UNAVAILABLE");
        }

        UUID whileOpen = place("tok_approve");
        assertThat(client.awaitStatus(whileOpen, "REJECTED")).as("an approving card while the circuit is open")
                .containsEntry("rejectionReason", "PAYMENT_UNAVAILABLE");
        assertThat(payment(whileOpen)).as("the provider never saw it").isNull();
        assertThat(scrape().value("orders_payment_provider_requests_seconds_count", "operation", "authorize",
                "outcome", "circuit_open")).hasValueSatisfying(calls -> assertThat(calls).isPositive());

        // The provider recovers. After the wait the next calls (two, as configured) probe it; they succeed, orders
        // go through again, and the circuit closes.
        provider.faults(SimulatedFaults.NONE);
        UUID afterWait = Awaitility.await().atMost(WAIT_IN_OPEN_STATE.multipliedBy(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    UUID orderId = place("tok_approve");
                    return client.followUntil(orderId, "CONFIRMED").stream()
                            .anyMatch(view -> "CONFIRMED".equals(view.get("status"))) ? orderId : null;
                }, orderId -> orderId != null);
        assertThat(payment(afterWait)).containsEntry("status", "AUTHORIZED").containsEntry("authorizations", 1);
        client.awaitStatus(place("tok_approve"), "CONFIRMED");
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> breakerState(scrape()), "closed"::equals);
        for (UUID orderId : slow) {
            assertThat((Integer) payment(orderId).get("authorizations")).as("a slow order's single authorisation")
                    .isEqualTo(1);
            // The provider authorised it after the client gave up; the order was rejected, so the hold is released.
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(payment(orderId)).as("the slow order's payment at the provider")
                            .containsEntry("status", "VOIDED"));
        }
    }

    private static UUID place(String token) {
        UUID orderId = client.place(OrdersClient.unique("resilient"), UUID.randomUUID().toString(), Map.of(sku, 1),
                token);
        placed.add(orderId);
        return orderId;
    }

    /** What the simulator holds for the order's payment ({@code GET /v1/payments/{id}}), or null when nothing. */
    private static Map<String, Object> payment(UUID orderId) {
        return simulator.get().uri("/v1/payments/{id}", Ids.paymentId(orderId)).retrieve().bodyToMono(JSON)
                .onErrorResume(WebClientResponseException.NotFound.class, notFound -> Mono.empty())
                .block(Duration.ofSeconds(10));
    }

    /** The state whose {@code resilience4j_circuitbreaker_state} series is 1 for the payment provider. */
    private static String breakerState(Scrape scrape) {
        return scrape.samples("resilience4j_circuitbreaker_state", Map.of("name", "payment-provider")).stream()
                .filter(sample -> sample.value() == 1.0).map(sample -> sample.labels().get("state"))
                .findFirst().orElseThrow();
    }

    private static Scrape scrape() {
        // The filter takes family names: counters without their _total suffix.
        return new Scrape(scraper.get().uri("/actuator/prometheus?includedNames=resilience4j_circuitbreaker_state,"
                        + "orders_payment_provider_attempts,orders_payment_provider_requests_seconds,"
                        + "resilience4j_retry_calls")
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30)));
    }
}
