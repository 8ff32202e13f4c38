package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.api.inventory.InventoryEvent.ProductCreated;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import dev.orders.api.order.OrderLine;
import dev.orders.api.order.OrderStatus;
import dev.orders.api.payment.PaymentEvent.PaymentAuthorizationRequested;
import dev.orders.platform.web.ProblemDetailsAdvice;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The NDJSON event export and its statistics against the real event-store table, written by Axon's own engine. */
class EventExportDatabaseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final UUID ORDER_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID ORDER_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID PAYMENT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

    private static TestDatabase database;
    private static WebTestClient client;
    /** Two events per page, so that every export here spans several pages. */
    private static WebTestClient pagedClient;

    @BeforeAll
    static void storeEvents() {
        database = TestDatabase.create("event_export");
        database.append(
                event("StockItem", "SKU-1", 0, new ProductCreated("SKU-1", "Mug", new Money(250, "EUR"), 5),
                        T0.minusSeconds(3600)),
                event("Order", ORDER_A.toString(), 0, placed(ORDER_A, "alice"), T0),
                event("Order", ORDER_A.toString(), 1, new OrderStockReserved(ORDER_A, "alice"), T0.plusSeconds(1)),
                event("Payment", PAYMENT.toString(), 0, new PaymentAuthorizationRequested(PAYMENT, ORDER_A,
                        new Money(750, "EUR"), "tok_secret_payment"), T0.plusMillis(1500)),
                event("Order", ORDER_A.toString(), 2, new OrderConfirmed(ORDER_A, "alice", PAYMENT),
                        T0.plusSeconds(2)),
                event("Order", ORDER_B.toString(), 0, placed(ORDER_B, "bob"), T0.plusSeconds(3)),
                event("Order", ORDER_B.toString(), 1, new OrderCancelled(ORDER_B, "bob", "changed my mind",
                        OrderStatus.PLACED), T0.plusSeconds(4)));
        StoredEvents stored = new StoredEvents(database.r2dbc);
        client = client(new EventExport(stored, 1000));
        pagedClient = client(new EventExport(stored, 2));
    }

    @Test
    void streamsEveryEventInGlobalOrderWithItsEnvelope() {
        List<JsonNode> lines = export(client, "");

        assertThat(lines).extracting(line -> line.get("type").asString()).containsExactly("ProductCreated",
                "OrderPlaced", "OrderStockReserved", "PaymentAuthorizationRequested", "OrderConfirmed",
                "OrderPlaced", "OrderCancelled");
        assertThat(positions(lines)).isSorted().doesNotHaveDuplicates();
        JsonNode placed = lines.get(1);
        assertThat(fieldNames(placed)).containsExactly("position", "eventId", "type", "aggregateType",
                "aggregateId", "sequence", "timestamp", "payload");
        assertThat(placed.get("aggregateType").asString()).isEqualTo("Order");
        assertThat(placed.get("aggregateId").asString()).isEqualTo(ORDER_A.toString());
        assertThat(placed.get("sequence").asLong()).isZero();
        assertThat(placed.get("timestamp").asString()).isEqualTo("2026-05-01T10:00:00.000Z");
        assertThat(placed.get("eventId").asString()).isNotBlank();
        assertThat(placed.get("payload").get("customerId").asString()).isEqualTo("alice");
        assertThat(placed.get("payload").get("total").get("cents").asLong()).isEqualTo(750);
    }

    @Test
    void neverShowsAPaymentToken() {
        String body = exportText(client, "");

        assertThat(body).doesNotContain("paymentToken").doesNotContain("tok_secret");
        List<JsonNode> lines = export(client, "?type=PaymentAuthorizationRequested");
        assertThat(fieldNames(lines.get(0).get("payload"))).containsExactlyInAnyOrder("paymentId", "orderId",
                "amount");
    }

    @Test
    void pagesThroughTheStoreWithoutLosingOrRepeatingAnEvent() {
        assertThat(export(pagedClient, "")).usingRecursiveComparison().isEqualTo(export(client, ""));
        assertThat(positions(export(pagedClient, "?limit=3")))
                .containsExactlyElementsOf(positions(export(client, "")).subList(0, 3));
        assertThat(positions(export(pagedClient, "?type=OrderPlaced,OrderCancelled&limit=2"))).hasSize(2);
    }

    @Test
    void filtersByTypeAggregatePositionAndTime() {
        List<Long> all = positions(export(client, ""));

        assertThat(types(export(pagedClient, "?type=OrderPlaced&type=OrderCancelled")))
                .containsExactly("OrderPlaced", "OrderPlaced", "OrderCancelled");
        assertThat(types(export(pagedClient, "?type=OrderPlaced,%20OrderConfirmed")))
                .containsExactly("OrderPlaced", "OrderConfirmed", "OrderPlaced");
        assertThat(export(pagedClient, "?aggregateId=" + ORDER_B)).extracting(line -> line.get("sequence").asLong())
                .containsExactly(0L, 1L);
        assertThat(positions(export(pagedClient, "?after=" + all.get(2)))).containsExactlyElementsOf(
                all.subList(3, 7));
        assertThat(positions(export(pagedClient, "?after=" + all.get(2) + "&until=" + all.get(4))))
                .containsExactly(all.get(3), all.get(4));
        // from is inclusive and to exclusive, also when a bound falls between two stored milliseconds.
        assertThat(types(export(pagedClient, "?from=2026-05-01T10:00:01Z&to=2026-05-01T10:00:03Z")))
                .containsExactly("OrderStockReserved", "PaymentAuthorizationRequested", "OrderConfirmed");
        assertThat(types(export(pagedClient, "?from=2026-05-01T10:00:00.9995Z&to=2026-05-01T10:00:01.0000001Z")))
                .containsExactly("OrderStockReserved");
        assertThat(types(export(pagedClient, "?from=2026-05-01T10:00:01.0001Z&to=2026-05-01T14:00:00%2B02:00")))
                .containsExactly("PaymentAuthorizationRequested", "OrderConfirmed", "OrderPlaced",
                        "OrderCancelled");
        assertThat(export(pagedClient, "?aggregateId=nothing-like-this")).isEmpty();
    }

    @Test
    void statsCountWhatTheSameFiltersExport() {
        List<Long> all = positions(export(client, ""));

        stats("", new EventStats(7, all.get(0), all.get(6)));
        stats("?type=OrderPlaced", new EventStats(2, all.get(1), all.get(5)));
        stats("?type=OrderPlaced&limit=1", new EventStats(1, all.get(1), all.get(1)));
        stats("?after=" + all.get(5), new EventStats(1, all.get(6), all.get(6)));
        stats("?aggregateId=" + ORDER_A + "&to=2026-05-01T10:00:02Z", new EventStats(2, all.get(1), all.get(2)));
        stats("?aggregateId=unknown", new EventStats(0, null, null));
    }

    @Test
    void refusesMalformedFiltersWithAProblem() {
        expectBadRequest("?after=-1", "after must be a non-negative whole number");
        expectBadRequest("?after=first", "after must be a non-negative whole number");
        expectBadRequest("?after=5&until=5", "until must be greater than after");
        expectBadRequest("?from=yesterday", "from must be an ISO-8601 timestamp");
        expectBadRequest("?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z", "from must be before to");
        expectBadRequest("?type=OrderLost", "type must be one of [");
        expectBadRequest("?limit=0", "limit must be a whole number of at least 1");
        client.get().uri("/api/v1/events/stats?type=Nope").exchange().expectStatus().isBadRequest();
    }

    private static WebTestClient client(EventExport export) {
        return WebTestClient.bindToController(new EventExportController(export))
                .controllerAdvice(new ProblemDetailsAdvice())
                .build()
                .mutate().responseTimeout(Duration.ofSeconds(20)).build();
    }

    private static String exportText(WebTestClient client, String query) {
        return client.get().uri(URI.create("/api/v1/events" + query)).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static List<JsonNode> export(WebTestClient client, String query) {
        String body = exportText(client, query);
        if (body == null) {
            return List.of();
        }
        assertThat(body).endsWith("\n");
        return Arrays.stream(body.split("\n")).map(JSON::readTree).toList();
    }

    private static void stats(String query, EventStats expected) {
        client.get().uri("/api/v1/events/stats" + query).exchange()
                .expectStatus().isOk()
                .expectBody(EventStats.class).isEqualTo(expected);
    }

    private static void expectBadRequest(String query, String message) {
        client.get().uri("/api/v1/events" + query).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(message));
    }

    private static List<Long> positions(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("position").asLong()).toList();
    }

    private static List<String> types(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("type").asString()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static GenericDomainEventMessage<Object> event(String type, String id, long sequence, Object payload,
                                                           Instant at) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), at);
    }

    private static OrderPlaced placed(UUID orderId, String customer) {
        return new OrderPlaced(orderId, customer, List.of(new OrderLine("SKU-1", 3, new Money(250, "EUR"))),
                new Money(750, "EUR"), "tok_secret_order");
    }
}
