package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The Prometheus endpoint, scraped over HTTP like Prometheus does, after real orders went through: every family the
 * dashboards and alerts may use ({@link ExportedMetrics}) is there, and the values say what happened.
 */
class MetricsIT extends IntegrationTest {

    private static final List<String> PROCESSORS = List.of("order-view", "inventory-catalogue",
            "OrderFulfilmentSagaProcessor", "payment-provider", "kafka-publisher");

    private WebClient scraper;

    @BeforeEach
    void scraper() {
        // The whole scrape, histograms included, is larger than the API client's buffer.
        scraper = WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.staff())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20))
                .build();
    }

    @Test
    void exportsEveryListedFamilyWithValuesThatFollowTheOrders() {
        String sku = OrdersClient.unique("METRICS");
        orders.createProduct(sku, 700, 10);
        UUID approved = orders.place(OrdersClient.unique("metrics"), "approved", Map.of(sku, 1), "tok_approve");
        UUID declined = orders.place(OrdersClient.unique("metrics"), "declined", Map.of(sku, 1), "tok_decline");
        orders.awaitStatus(approved, "CONFIRMED");
        orders.awaitStatus(declined, "REJECTED");

        // The background gauges count again every second here; wait for a count that includes both orders.
        Scrape scrape = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(this::scrape, s -> s.value("orders_by_status", "status", "CONFIRMED", "reason", "none")
                        .orElse(0.0) >= 1
                        && s.value("orders_by_status", "status", "REJECTED", "reason", "PAYMENT_DECLINED")
                        .orElse(0.0) >= 1
                        && s.value("orders_eventstore_head").orElse(-1.0) > 0
                        && s.value("orders_readiness").orElse(0.0) == 1);

        assertThat(scrape.families()).as("families listed in infra/deploy/exported-metrics.txt")
                .containsAll(ExportedMetrics.families());
        for (String processor : PROCESSORS) {
            assertThat(scrape.value("orders_processor_lag", "processor", processor)).as("lag of %s", processor)
                    .hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(0));
            assertThat(scrape.value("orders_processor_position", "processor", processor))
                    .as("position of %s", processor).isPresent();
            assertThat(scrape.value("eventProcessor_ingestedCounter_total", "processorName", processor))
                    .as("Axon's count of events %s ingested", processor)
                    .hasValueSatisfying(count -> assertThat(count).isPositive());
        }
        assertThat(scrape.value("resilience4j_circuitbreaker_state", "name", "payment-provider", "state", "closed"))
                .contains(1.0);
        assertThat(scrape.value("orders_payment_provider_requests_seconds_count", "operation", "authorize",
                "outcome", "approved")).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("orders_payment_provider_requests_seconds_count", "operation", "authorize",
                "outcome", "declined")).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("orders_payment_provider_attempts_total", "operation", "authorize",
                "outcome", "approved")).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("http_client_requests_seconds_count", "uri", "/v1/authorizations", "status", "402"))
                .as("the payment client's requests, by URI template")
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.samples("http_client_requests_seconds_count", Map.of()))
                .as("no payment id in a URI tag").noneMatch(sample -> sample.labels().getOrDefault("uri", "")
                        .contains(approved.toString().substring(0, 8)));
        assertThat(scrape.value("http_server_requests_seconds_count", "uri", "/api/v1/orders", "method", "POST"))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(2));
        assertThat(scrape.value("orders_kafka_publish_lag_seconds_count"))
                .hasValueSatisfying(count -> assertThat(count).isPositive());
        assertThat(scrape.value("orders_sagas_active", "saga", "OrderFulfilmentSaga")).as("a gauge per saga type")
                .hasValueSatisfying(active -> assertThat(active).isGreaterThanOrEqualTo(0));
        assertThat(scrape.value("orders_deadletters", "processor", "order-view")).contains(0.0);
        assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isPositive());
    }

    @Test
    void countsARunningSagaAndItsAgeUntilItEnds() {
        String sku = OrdersClient.unique("SAGA-AGE");
        orders.createProduct(sku, 300, 5);
        // The slow card keeps the saga waiting for the provider for a while.
        UUID slow = orders.place(OrdersClient.unique("metrics"), "slow", Map.of(sku, 1), "tok_slow");

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(this::scrape, s -> s.value("orders_sagas_active", "saga", "OrderFulfilmentSaga")
                        .orElse(0.0) >= 1
                        && s.value("orders_sagas_oldest_age_seconds", "saga", "OrderFulfilmentSaga")
                        .orElse(0.0) >= 1);
        orders.awaitStatus(slow, "REJECTED");
    }

    @Test
    void webhookCallsAreMeasuredWithoutTheCustomersUrlInAnyTag() throws Exception {
        DisposableServer endpoint = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/hooks/{customer}", (request, response) -> request.receive().then(
                        response.status(HttpStatus.NO_CONTENT.value()).send().then())))
                .bindNow();
        try {
            String sku = OrdersClient.unique("HOOKED");
            orders.createProduct(sku, 400, 5);
            String customer = OrdersClient.unique("hooked");
            String url = "http://127.0.0.1:" + endpoint.port() + "/hooks/" + customer;
            http.put().uri("/api/v1/notifications/contacts/{id}", customer)
                    .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                    .bodyValue(Map.of("webhookUrl", url))
                    .exchange()
                    .expectStatus().isOk();

            orders.awaitStatus(orders.place(customer, "hooked", Map.of(sku, 1), "tok_approve"), "CONFIRMED");

            Scrape scrape = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(this::scrape, s -> s.value("http_client_requests_seconds_count", "client_name", "webhook",
                            "status", "204").orElse(0.0) >= 1);
            assertThat(scrape.value("resilience4j_circuitbreaker_state", "name", "webhook:127.0.0.1#"
                    + breakerHash(url), "state", "closed")).contains(1.0);
            assertThat(scrape.samples("http_client_requests_seconds_count", Map.of("client_name", "webhook")))
                    .allSatisfy(sample -> assertThat(sample.labels().get("uri")).isEqualTo("none"));
            assertThat(scrape.samples()).as("series naming the customer's URL")
                    .noneMatch(sample -> sample.labels().values().stream().anyMatch(v -> v.contains(customer)));
        } finally {
            endpoint.disposeNow();
        }
    }

    @Test
    void sseSubscriberGaugeRisesWhileAStreamIsOpenAndFallsAfter() {
        double before = openStreams("all");

        Disposable stream = orders.web().get().uri("/api/v1/orders/updates").accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(OrdersClient.SSE).subscribe();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> openStreams("all"), open -> open == before + 1);
        } finally {
            stream.dispose();
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> openStreams("all"), open -> open == before);
    }

    /** The first 8 hex digits of the URL's SHA-256, as the webhook breakers are named. */
    private static String breakerHash(String url) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(url.getBytes(StandardCharsets.UTF_8)), 0, 4);
    }

    private double openStreams(String kind) {
        return scrape("orders_sse_subscribers").value("orders_sse_subscribers", "stream", kind).orElseThrow();
    }

    private Scrape scrape() {
        return scrape(null);
    }

    private Scrape scrape(String only) {
        String text = scraper.get()
                .uri(builder -> only == null ? builder.path("/actuator/prometheus").build()
                        : builder.path("/actuator/prometheus").queryParam("includedNames", only).build())
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
        return new Scrape(text);
    }
}
