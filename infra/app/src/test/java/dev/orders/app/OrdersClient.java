package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Drives the public HTTP API the way a client would, including following an order over SSE. */
final class OrdersClient {

    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {
            };
    private static final Set<String> TERMINAL = Set.of("DELIVERED", "REJECTED", "CANCELLED");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final WebTestClient http;
    private final WebClient web;

    /** Calls as staff (operator and analyst); orders are placed with the customer's own token. */
    OrdersClient(WebTestClient http, String baseUrl) {
        this.http = http.mutate().defaultHeader("Authorization", "Bearer " + TestTokens.staff()).build();
        this.web = WebClient.builder().baseUrl(baseUrl)
                .defaultHeader("Authorization", "Bearer " + TestTokens.staff())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(1 << 20)).build();
    }

    WebClient web() {
        return web;
    }

    /** A name no other test in this JVM uses, so tests share one database without interfering. */
    static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a product and waits until the catalogue (an eventually consistent projection) shows it. */
    void createProduct(String sku, long priceCents, int stock) {
        http.post().uri("/api/v1/products")
                .bodyValue(Map.of("sku", sku, "name", "Product " + sku, "priceCents", priceCents,
                        "currency", "EUR", "initialStock", stock))
                .exchange()
                .expectStatus().isCreated();
        product(sku);
    }

    /** The product as the catalogue shows it, waiting for it to appear. */
    Map<String, Object> product(String sku) {
        return web.get().uri("/api/v1/products/{sku}", sku).retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .retryWhen(Retry.fixedDelay(100, Duration.ofMillis(100)))
                .block(Duration.ofSeconds(15));
    }

    /** Waits until the product's stock figures match, returning the product. */
    Map<String, Object> awaitStock(String sku, int onHand, int reserved) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> product(sku), p -> ((Number) p.get("onHand")).intValue() == onHand
                        && ((Number) p.get("reserved")).intValue() == reserved);
    }

    UUID place(String customer, String key, Map<String, Integer> lines, String token) {
        Map<?, ?> body = http.post().uri("/api/v1/orders")
                .header("Idempotency-Key", key)
                .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                .bodyValue(placeRequest(customer, lines, token))
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().exists("Location")
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString((String) body.get("orderId"));
    }

    /** Places an order without blocking a thread, so many can be in flight at once; completes with its id. */
    Mono<UUID> placeAsync(String customer, String key, Map<String, Integer> lines, String token) {
        return web.post().uri("/api/v1/orders")
                .header("Idempotency-Key", key)
                .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                .bodyValue(placeRequest(customer, lines, token))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .map(response -> {
                    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
                    return UUID.fromString((String) response.getBody().get("orderId"));
                });
    }

    static Map<String, Object> placeRequest(String customer, Map<String, Integer> lines, String token) {
        List<Map<String, Object>> requestLines = new ArrayList<>();
        lines.forEach((sku, quantity) -> requestLines.add(Map.of("sku", sku, "quantity", quantity)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("customerId", customer);
        request.put("lines", requestLines);
        request.put("paymentToken", token);
        return request;
    }

    /** Follows the order's SSE stream until it reports {@code status}; fails if it ends elsewhere. */
    Map<String, Object> awaitStatus(UUID orderId, String status) {
        List<Map<String, Object>> seen = followUntil(orderId, status);
        Map<String, Object> last = seen.get(seen.size() - 1);
        assertThat(last.get("status")).as("final status of %s after %s", orderId, statuses(seen)).isEqualTo(status);
        return last;
    }

    /** Every view the order's SSE stream sent until it reached {@code status} or a terminal state. */
    List<Map<String, Object>> followUntil(UUID orderId, String status) {
        return followAsync(orderId, status).block(Duration.ofSeconds(45));
    }

    /** {@link #followUntil} without blocking a thread. */
    Mono<List<Map<String, Object>>> followAsync(UUID orderId, String status) {
        return updates(orderId, null)
                .map(ServerSentEvent::data)
                .takeUntil(view -> status.equals(view.get("status")) || TERMINAL.contains((String) view.get("status")))
                .collectList();
    }

    Flux<ServerSentEvent<Map<String, Object>>> updates(UUID orderId, String lastEventId) {
        return web.get().uri("/api/v1/orders/{id}/updates", orderId)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve()
                .bodyToFlux(SSE)
                .filter(event -> event.data() != null);
    }

    Map<String, Object> step(UUID orderId, String step, HttpStatus expected) {
        return http.post().uri("/api/v1/orders/{id}/" + step, orderId)
                .exchange()
                .expectStatus().isEqualTo(expected)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    static List<Object> statuses(List<Map<String, Object>> views) {
        return views.stream().map(view -> view.get("status")).toList();
    }
}
