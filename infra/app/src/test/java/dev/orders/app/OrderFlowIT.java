package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Ids;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;

/** The whole order flow over real HTTP, PostgreSQL and the payment-provider simulator, followed over SSE. */
class OrderFlowIT extends IntegrationTest {

    private String sku;
    private String customer;

    @BeforeEach
    void catalogue() {
        sku = OrdersClient.unique("FLOW");
        customer = OrdersClient.unique("customer");
        orders.createProduct(sku, 1_250, 10);
    }

    @Test
    void confirmsOrderAtCataloguePricesWhenStockAndPaymentAreThere() {
        UUID orderId = orders.place(customer, "k1", Map.of(sku, 2), "tok_approve");

        Map<String, Object> view = orders.awaitStatus(orderId, "CONFIRMED");

        assertThat(view).containsEntry("totalCents", 2_500).containsEntry("currency", "EUR")
                .containsEntry("customerId", customer);
        assertThat((List<?>) view.get("lines")).singleElement()
                .satisfies(line -> assertThat(((Map<?, ?>) line).get("unitPriceCents")).isEqualTo(1_250));
        orders.awaitStock(sku, 10, 2);
        assertThat(SIMULATOR.authorizations(Ids.paymentId(orderId))).isEqualTo(1);
    }

    @Test
    void rejectsOrderWhenStockRunsOutAndReleasesPartialReservations() {
        String scarce = OrdersClient.unique("SCARCE");
        orders.createProduct(scarce, 100, 1);

        UUID orderId = orders.place(customer, "k2", Map.of(sku, 3, scarce, 2), "tok_approve");

        Map<String, Object> view = orders.awaitStatus(orderId, "REJECTED");
        assertThat(view).containsEntry("rejectionReason", "OUT_OF_STOCK");
        orders.awaitStock(sku, 10, 0);
        orders.awaitStock(scarce, 1, 0);
        assertThat(SIMULATOR.authorizations(Ids.paymentId(orderId))).isZero();
    }

    @Test
    void rejectsOrderWhenCardIsDeclined() {
        UUID orderId = orders.place(customer, "k3", Map.of(sku, 1), "tok_decline");

        assertThat(orders.awaitStatus(orderId, "REJECTED")).containsEntry("rejectionReason", "PAYMENT_DECLINED");
        orders.awaitStock(sku, 10, 0);
    }

    @Test
    void rejectsOrderWhenProviderDoesNotAnswerInTime() {
        UUID orderId = orders.place(customer, "k4", Map.of(sku, 1), "tok_slow");

        assertThat(orders.awaitStatus(orderId, "REJECTED")).containsEntry("rejectionReason", "PAYMENT_UNAVAILABLE");
        orders.awaitStock(sku, 10, 0);
        assertThat(SIMULATOR.captures(Ids.paymentId(orderId))).isZero();
    }

    @Test
    void confirmsOrderWhenFlakyProviderRecoversAndChargesOnce() {
        UUID orderId = orders.place(customer, "k5", Map.of(sku, 1), "tok_flaky");

        orders.awaitStatus(orderId, "CONFIRMED");
        assertThat(SIMULATOR.authorizations(Ids.paymentId(orderId))).isEqualTo(1);
    }

    @Test
    void cancellingConfirmedOrderReleasesStockAndVoidsPayment() {
        UUID orderId = orders.place(customer, "k6", Map.of(sku, 4), "tok_approve");
        orders.awaitStatus(orderId, "CONFIRMED");

        assertThat(orders.step(orderId, "cancel", HttpStatus.ACCEPTED)).containsEntry("status", "CANCELLED");

        orders.awaitStatus(orderId, "CANCELLED");
        orders.awaitStock(sku, 10, 0);
        awaitPaymentState(Ids.paymentId(orderId), "VOIDED");
        assertThat(SIMULATOR.captures(Ids.paymentId(orderId))).isZero();
    }

    @Test
    void shippingCapturesPaymentAndCommitsStockThenDelivers() {
        UUID orderId = orders.place(customer, "k7", Map.of(sku, 3), "tok_approve");
        orders.awaitStatus(orderId, "CONFIRMED");

        orders.step(orderId, "ship", HttpStatus.ACCEPTED);
        orders.awaitStatus(orderId, "SHIPPED");
        awaitPaymentState(Ids.paymentId(orderId), "CAPTURED");
        assertThat(SIMULATOR.captures(Ids.paymentId(orderId))).isEqualTo(1);
        orders.awaitStock(sku, 7, 0);

        orders.step(orderId, "deliver", HttpStatus.ACCEPTED);
        orders.awaitStatus(orderId, "DELIVERED");

        List<Map<String, Object>> history = http.get().uri("/api/v1/orders/{id}/history", orderId).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        assertThat(history).extracting(event -> event.get("type")).containsExactly(
                "OrderPlaced", "OrderStockReserved", "OrderConfirmed", "OrderShipped", "OrderDelivered");
        assertThat(history).extracting(event -> ((Number) event.get("sequence")).intValue())
                .containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shippingCancelledOrderIsRefusedWithAClearMessage() {
        UUID orderId = orders.place(customer, "k8", Map.of(sku, 1), "tok_approve");
        orders.step(orderId, "cancel", HttpStatus.ACCEPTED);

        http.post().uri("/api/v1/orders/{id}/ship", orderId).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").isEqualTo("Cannot ship order " + orderId + ": it is CANCELLED");
        orders.awaitStatus(orderId, "CANCELLED");
        orders.awaitStock(sku, 10, 0);
    }

    @Test
    void repeatingARequestWithTheSameIdempotencyKeyReturnsTheSameOrder() {
        UUID first = orders.place(customer, "same-key", Map.of(sku, 1), "tok_approve");
        UUID second = orders.place(customer, "same-key", Map.of(sku, 1), "tok_approve");

        assertThat(second).isEqualTo(first);
        orders.awaitStatus(first, "CONFIRMED");
        http.get().uri("/api/v1/orders?customerId={c}", customer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void reusingAnIdempotencyKeyForADifferentOrderConflicts() {
        orders.place(customer, "reused", Map.of(sku, 1), "tok_approve");

        http.post().uri("/api/v1/orders").header("Idempotency-Key", "reused")
                .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                .bodyValue(OrdersClient.placeRequest(customer, Map.of(sku, 2), "tok_approve"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    private static void awaitPaymentState(UUID paymentId, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(String.valueOf(SIMULATOR.state(paymentId)))
                        .as("state of payment %s", paymentId).isEqualTo(state));
    }
}
