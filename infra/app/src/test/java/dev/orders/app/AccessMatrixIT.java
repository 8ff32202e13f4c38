package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.app.Sessions.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * Every cell of the access matrix, allowed and denied, with tokens obtained through the API: no token → 401; a role
 * that may not → 403; someone else's order → 404 (as if it did not exist); another customer id in a request → 403.
 */
class AccessMatrixIT extends IntegrationTest {

    private Sessions sessions;
    private Session alice;
    private Session bob;
    private Session ops;
    private Session analyst;
    private String sku;
    private UUID alicesOrder;

    @BeforeEach
    void accounts() {
        sessions = new Sessions(port);
        alice = sessions.newCustomer("alice");
        bob = sessions.newCustomer("bob");
        ops = sessions.login(OPS_EMAIL, OPS_PASSWORD);
        Session candidate = sessions.newCustomer("analyst");
        sessions.as(ops).put().uri("/api/v1/admin/accounts/{id}/roles", candidate.id())
                .bodyValue(Map.of("roles", List.of("ANALYST"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("ANALYST");
        // Roles are in the token: the new role counts from the next login.
        analyst = sessions.login(candidate.email(), candidate.password());
        sku = OrdersClient.unique("MATRIX");
        orders.createProduct(sku, 1_000, 50);
        alicesOrder = place(alice, "tok_approve");
    }

    @Test
    void customersPlaceOrdersOnlyForThemselves() {
        Map<String, Object> body = Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                "paymentToken", "tok_approve");
        anonymous().post().uri("/api/v1/orders").bodyValue(body).exchange().expectStatus().isUnauthorized();
        as(analyst).post().uri("/api/v1/orders").bodyValue(body).exchange().expectStatus().isForbidden();
        as(ops).post().uri("/api/v1/orders").bodyValue(body).exchange().expectStatus().isForbidden();
        as(alice).post().uri("/api/v1/orders")
                .bodyValue(Map.of("customerId", bob.id(), "lines", List.of(Map.of("sku", sku, "quantity", 1)),
                        "paymentToken", "tok_approve")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("your own"));
        as(alice).get().uri("/api/v1/orders/{id}", alicesOrder).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.customerId").isEqualTo(alice.id());
    }

    @Test
    void anOrderIsReadableByItsOwnerAndStaffOnly() {
        for (String path : List.of("/api/v1/orders/{id}", "/api/v1/orders/{id}/history",
                "/api/v1/orders/{id}?asOf=2100-01-01T00:00:00Z")) {
            anonymous().get().uri(path, alicesOrder).exchange().expectStatus().isUnauthorized();
            as(bob).get().uri(path, alicesOrder).exchange().expectStatus().isNotFound();
            as(alice).get().uri(path, alicesOrder).exchange().expectStatus().isOk();
            as(ops).get().uri(path, alicesOrder).exchange().expectStatus().isOk();
            as(analyst).get().uri(path, alicesOrder).exchange().expectStatus().isOk();
        }
        // Someone else's order and no order at all look the same.
        String unknown = as(bob).get().uri("/api/v1/orders/{id}", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound().expectBody(Map.class).returnResult().getResponseBody()
                .get("title").toString();
        String foreign = as(bob).get().uri("/api/v1/orders/{id}", alicesOrder).exchange()
                .expectStatus().isNotFound().expectBody(Map.class).returnResult().getResponseBody()
                .get("title").toString();
        assertThat(foreign).isEqualTo(unknown);
    }

    @Test
    void listsShowCustomersTheirOwnOrdersAndStaffEveryone() {
        UUID bobsOrder = place(bob, "tok_approve");
        anonymous().get().uri("/api/v1/orders").exchange().expectStatus().isUnauthorized();
        assertThat(listed(as(alice), "/api/v1/orders")).contains(alicesOrder.toString())
                .doesNotContain(bobsOrder.toString());
        as(alice).get().uri("/api/v1/orders?customerId={c}", bob.id()).exchange().expectStatus().isForbidden();
        assertThat(listed(as(analyst), "/api/v1/orders?customerId=" + bob.id())).containsExactly(bobsOrder.toString());
        assertThat(listed(as(ops), "/api/v1/orders?limit=200")).contains(alicesOrder.toString(), bobsOrder.toString());
    }

    @Test
    void bothStreamsAreTheOwnersAndStaffs() {
        anonymous().get().uri("/api/v1/orders/{id}/updates", alicesOrder).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isUnauthorized();
        as(bob).get().uri("/api/v1/orders/{id}/updates", alicesOrder).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isNotFound();
        assertThat(firstEvent(alice, "/api/v1/orders/" + alicesOrder + "/updates")).isNotNull();
        assertThat(firstEvent(analyst, "/api/v1/orders/" + alicesOrder + "/updates")).isNotNull();

        anonymous().get().uri("/api/v1/orders/updates").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isUnauthorized();
        as(bob).get().uri("/api/v1/orders/updates?customerId={c}", alice.id()).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isForbidden();
        assertThat(firstEvent(bob, "/api/v1/orders/updates")).isEqualTo("ready");
        assertThat(firstEvent(ops, "/api/v1/orders/updates")).isEqualTo("ready");
    }

    @Test
    void customersCancelTheirOwnOrdersOnly() {
        anonymous().post().uri("/api/v1/orders/{id}/cancel", alicesOrder).exchange().expectStatus().isUnauthorized();
        as(analyst).post().uri("/api/v1/orders/{id}/cancel", alicesOrder).exchange().expectStatus().isForbidden();
        as(bob).post().uri("/api/v1/orders/{id}/cancel", alicesOrder).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("order " + alicesOrder + " does not exist");
        as(bob).post().uri("/api/v1/orders/{id}/cancel", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        as(alice).post().uri("/api/v1/orders/{id}/cancel", alicesOrder).exchange()
                .expectStatus().isAccepted();
        orders.awaitStatus(alicesOrder, "CANCELLED");
        UUID another = place(alice, "tok_approve");
        as(ops).post().uri("/api/v1/orders/{id}/cancel", another).exchange().expectStatus().isAccepted();
    }

    @Test
    void onlyOperatorsShipAndDeliver() {
        orders.awaitStatus(alicesOrder, "CONFIRMED");
        for (String step : List.of("ship", "deliver")) {
            String path = "/api/v1/orders/{id}/" + step;
            anonymous().post().uri(path, alicesOrder).exchange().expectStatus().isUnauthorized();
            as(alice).post().uri(path, alicesOrder).exchange().expectStatus().isForbidden();
            as(analyst).post().uri(path, alicesOrder).exchange().expectStatus().isForbidden();
            as(ops).post().uri(path, alicesOrder).exchange().expectStatus().isAccepted();
        }
        orders.awaitStatus(alicesOrder, "DELIVERED");
    }

    @Test
    void onlyOperatorsManageProductsAndStockWhileEveryoneSignedInReadsThem() {
        Map<String, Object> product = Map.of("sku", OrdersClient.unique("NEW"), "name", "New", "priceCents", 100,
                "currency", "EUR", "initialStock", 1);
        anonymous().post().uri("/api/v1/products").bodyValue(product).exchange().expectStatus().isUnauthorized();
        as(alice).post().uri("/api/v1/products").bodyValue(product).exchange().expectStatus().isForbidden();
        as(analyst).post().uri("/api/v1/products").bodyValue(product).exchange().expectStatus().isForbidden();
        as(ops).post().uri("/api/v1/products").bodyValue(product).exchange().expectStatus().isCreated();

        Map<String, Object> restock = Map.of("quantity", 5);
        as(alice).post().uri("/api/v1/products/{sku}/restock", sku).bodyValue(restock).exchange()
                .expectStatus().isForbidden();
        as(ops).post().uri("/api/v1/products/{sku}/restock", sku).bodyValue(restock).exchange()
                .expectStatus().isAccepted();

        anonymous().get().uri("/api/v1/products/{sku}", sku).exchange().expectStatus().isUnauthorized();
        as(alice).get().uri("/api/v1/products/{sku}", sku).exchange().expectStatus().isOk();
        as(analyst).get().uri("/api/v1/products").exchange().expectStatus().isOk();
    }

    @Test
    void analystsAndOperatorsExportEventsCustomersDoNot() {
        for (String path : List.of("/api/v1/events?limit=1", "/api/v1/events/stats")) {
            anonymous().get().uri(path).exchange().expectStatus().isUnauthorized();
            as(alice).get().uri(path).exchange().expectStatus().isForbidden();
            as(analyst).get().uri(path).exchange().expectStatus().isOk();
            as(ops).get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    void notificationsAndContactsBelongToTheirCustomer() {
        String contacts = "/api/v1/notifications/contacts/{id}";
        Map<String, String> contact = Map.of("email", "alice@example.com");
        anonymous().put().uri(contacts, alice.id()).bodyValue(contact).exchange().expectStatus().isUnauthorized();
        as(bob).put().uri(contacts, alice.id()).bodyValue(contact).exchange().expectStatus().isForbidden();
        as(analyst).put().uri(contacts, alice.id()).bodyValue(contact).exchange().expectStatus().isForbidden();
        as(alice).put().uri(contacts, alice.id()).bodyValue(contact).exchange().expectStatus().isOk();
        as(bob).get().uri(contacts, alice.id()).exchange().expectStatus().isForbidden();
        as(alice).get().uri(contacts, alice.id()).exchange().expectStatus().isOk();
        as(analyst).get().uri(contacts, alice.id()).exchange().expectStatus().isOk();

        orders.awaitStatus(alicesOrder, "CONFIRMED");
        String log = "/api/v1/notifications?orderId={id}";
        anonymous().get().uri(log, alicesOrder).exchange().expectStatus().isUnauthorized();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !as(ops).get()
                .uri(log, alicesOrder).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().isEmpty());
        as(bob).get().uri(log, alicesOrder).exchange().expectStatus().isNotFound();
        as(alice).get().uri(log, alicesOrder).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].customerId").isEqualTo(alice.id());
        as(analyst).get().uri(log, alicesOrder).exchange().expectStatus().isOk();
    }

    @Test
    void adminEndpointsAndMetricsAreTheOperators() {
        for (String path : List.of("/api/v1/admin/projections/order-view", "/actuator/prometheus",
                "/api/v1/admin/accounts?email=" + OPS_EMAIL)) {
            anonymous().get().uri(path).exchange().expectStatus().isUnauthorized();
            as(alice).get().uri(path).exchange().expectStatus().isForbidden();
            as(analyst).get().uri(path).exchange().expectStatus().isForbidden();
            as(ops).get().uri(path).exchange().expectStatus().isOk();
        }
        as(analyst).post().uri("/api/v1/admin/projections/order-view/rebuild").exchange()
                .expectStatus().isForbidden();
        as(alice).put().uri("/api/v1/admin/accounts/{id}/roles", alice.id())
                .bodyValue(Map.of("roles", List.of("OPS"))).exchange()
                .expectStatus().isForbidden();
        as(ops).put().uri("/api/v1/admin/accounts/{id}/roles", alice.id())
                .bodyValue(Map.of("roles", List.of("WIZARD"))).exchange()
                .expectStatus().is4xxClientError()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("WIZARD"));
        // Probes stay open for the orchestrator.
        anonymous().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        anonymous().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private UUID place(Session customer, String paymentToken) {
        Map<?, ?> accepted = as(customer).post().uri("/api/v1/orders")
                .bodyValue(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "paymentToken", paymentToken))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString((String) accepted.get("orderId"));
    }

    private static List<String> listed(WebTestClient client, String uri) {
        Map<?, ?> page = client.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(item -> (String) ((Map<?, ?>) item).get("orderId"))
                .toList();
    }

    /**
     * The name of the first event the stream sends (the order's status, or {@code ready}). On a connection of its own:
     * a stream left open must not be handed to the next request by a shared connection pool.
     */
    private String firstEvent(Session session, String uri) {
        WebTestClient client = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl(sessions.baseUrl())
                .defaultHeader("Authorization", "Bearer " + session.accessToken())
                .build();
        Flux<String> events = client.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(OrdersClient.SSE).getResponseBody()
                .map(event -> event.event() == null ? "" : event.event());
        return events.blockFirst(Duration.ofSeconds(10));
    }

    private WebTestClient anonymous() {
        return sessions.anonymous();
    }

    private WebTestClient as(Session session) {
        return sessions.as(session);
    }
}
