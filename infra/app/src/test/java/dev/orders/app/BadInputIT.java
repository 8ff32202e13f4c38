package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bad input gets a clear 4xx problem-details answer, never a 500, and leaves no trace. */
class BadInputIT extends IntegrationTest {

    private String sku;
    private String customer;

    @BeforeEach
    void product() {
        sku = OrdersClient.unique("BAD");
        customer = OrdersClient.unique("bad-customer");
        orders.createProduct(sku, 1_000, 5);
    }

    @Test
    void malformedJsonIsA400() {
        problem(postOrder("{\"customerId\": \"x\", \"lines\": [", "k1"), 400)
                .jsonPath("$.detail").isEqualTo("The request body is not valid JSON");
    }

    @Test
    void wrongTypeNamesTheField() {
        problem(postOrder("{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":\"many\"}],\"paymentToken\":\"tok_approve\"}", "k2"), 400)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("lines[0].quantity"));
    }

    @Test
    void fractionalQuantityIsA400NotTruncated() {
        problem(postOrder("{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":1.5}],\"paymentToken\":\"tok_approve\"}", "k-fraction"), 400)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("lines[0].quantity"));
    }

    @Test
    void hugeNumberIsA400() {
        problem(postOrder("{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":99999999999999999999}],\"paymentToken\":\"tok_approve\"}", "k3"), 400);
    }

    @Test
    void zeroNegativeAndAbsurdQuantitiesAreRefused() {
        for (int quantity : new int[] {0, -1, 1_000_001}) {
            problem(postOrder(OrdersClient.placeRequest(customer, Map.of(sku, quantity), "tok_approve"), "q" + quantity),
                    400)
                    .jsonPath("$.errors[0].field").isEqualTo("lines[0].quantity");
        }
    }

    @Test
    void emptyOrderIsRefused() {
        problem(postOrder(OrdersClient.placeRequest(customer, Map.of(), "tok_approve"), "empty"), 400)
                .jsonPath("$.errors[0].field").isEqualTo("lines");
    }

    @Test
    void missingPaymentTokenIsRefused() {
        problem(postOrder(Map.of("customerId", customer, "lines", List.of(Map.of("sku", sku, "quantity", 1))),
                "no-token"), 400)
                .jsonPath("$.errors[0].field").isEqualTo("paymentToken");
    }

    @Test
    void unknownSkuIsA422ThatNamesIt() {
        problem(postOrder(OrdersClient.placeRequest(customer, Map.of("NO-SUCH-SKU", 1), "tok_approve"), "unknown"),
                422)
                .jsonPath("$.detail").isEqualTo("Unknown SKU: NO-SUCH-SKU");
    }

    @Test
    void overlongIdempotencyKeyIsRefused() {
        problem(postOrder(OrdersClient.placeRequest(customer, Map.of(sku, 1), "tok_approve"), "k".repeat(201)), 400);
    }

    @Test
    void unknownOrderIsA404() {
        problem(http.get().uri("/api/v1/orders/{id}", UUID.randomUUID()).exchange(), 404);
        problem(http.post().uri("/api/v1/orders/{id}/ship", UUID.randomUUID()).exchange(), 404);
    }

    @Test
    void malformedOrderIdIsA400() {
        problem(http.get().uri("/api/v1/orders/not-a-uuid").exchange(), 400);
        problem(http.post().uri("/api/v1/orders/not-a-uuid/cancel").exchange(), 400);
    }

    @Test
    void invalidProductIsRefusedAndDuplicateSkuConflicts() {
        problem(http.post().uri("/api/v1/products")
                .bodyValue(Map.of("sku", "bad sku!", "name", "", "priceCents", -5, "currency", "euro",
                        "initialStock", -1))
                .exchange(), 400)
                .jsonPath("$.errors.length()").isEqualTo(5);
        problem(http.post().uri("/api/v1/products")
                .bodyValue(Map.of("sku", sku, "name", "again", "priceCents", 5, "currency", "EUR",
                        "initialStock", 1))
                .exchange(), 409);
    }

    @Test
    void rejectedRequestsLeaveNoOrderBehind() {
        postOrder(OrdersClient.placeRequest(customer, Map.of(sku, 0), "tok_approve"), "none-1");
        postOrder(OrdersClient.placeRequest(customer, Map.of("NO-SUCH-SKU", 1), "tok_approve"), "none-2");
        http.get().uri("/api/v1/orders?customerId={c}", customer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        assertThat(orders.product(sku)).containsEntry("reserved", 0).containsEntry("onHand", 5);
    }

    private WebTestClient.ResponseSpec postOrder(Object body, String key) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/v1/orders")
                .header("Idempotency-Key", key)
                .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                .contentType(MediaType.APPLICATION_JSON);
        return body instanceof String raw ? request.bodyValue(raw).exchange() : request.bodyValue(body).exchange();
    }

    private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").exists();
    }
}
