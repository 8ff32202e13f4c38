package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Ids;
import dev.orders.app.export.EventExportCommandAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The analysts' view of the running system: the NDJSON export, its command line, and orders as they were. */
class EventExportIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void exportsAnOrdersEventsInOrderWithoutPaymentTokens() {
        String sku = OrdersClient.unique("EXPORT");
        orders.createProduct(sku, 990, 5);
        UUID orderId = orders.place(OrdersClient.unique("analyst"), "export-1", Map.of(sku, 2), "tok_approve");
        orders.awaitStatus(orderId, "CONFIRMED");

        List<JsonNode> events = export("aggregateId=" + orderId);

        assertThat(events).extracting(event -> event.get("type").asString())
                .containsExactly("OrderPlaced", "OrderStockReserved", "OrderConfirmed");
        assertThat(events).extracting(event -> event.get("sequence").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("aggregateType").asString()).isEqualTo("Order");
            assertThat(event.get("aggregateId").asString()).isEqualTo(orderId.toString());
        });
        assertThat(events.get(0).get("payload").get("total").get("cents").asLong()).isEqualTo(1980);
        assertThat(events.get(0).get("payload").has("paymentToken")).isFalse();
        // The payment aggregate's request carried the token too; it stays inside as well.
        String payments = exportText("type=PaymentAuthorizationRequested&aggregateId=" + Ids.paymentId(orderId));
        assertThat(payments).contains(orderId.toString()).doesNotContain("paymentToken").doesNotContain("tok_");

        long placedAt = events.get(0).get("position").asLong();
        List<JsonNode> since = export("after=" + placedAt + "&type=OrderStockReserved,OrderConfirmed");
        assertThat(since).extracting(event -> event.get("position").asLong()).isSorted()
                .allSatisfy(position -> assertThat(position).isGreaterThan(placedAt));
        assertThat(since).extracting(event -> event.get("aggregateId").asString()).contains(orderId.toString());
        Map<String, Object> stats = orders.web().get().uri("/api/v1/events/stats?aggregateId={id}", orderId)
                .retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
                }).block(Duration.ofSeconds(10));
        assertThat(stats).containsEntry("count", 3)
                .containsEntry("firstPosition", events.get(0).get("position").asInt())
                .containsEntry("lastPosition", events.get(2).get("position").asInt());
    }

    @Test
    void commandLineExportsTheWholeStoreAsNdjsonAndOneOrderAsCsv() throws Exception {
        String sku = OrdersClient.unique("EXPORT");
        orders.createProduct(sku, 1500, 5);
        UUID orderId = orders.place(OrdersClient.unique("analyst"), "export-cli", Map.of(sku, 1), "tok_decline");
        orders.awaitStatus(orderId, "REJECTED");
        String url = "http://localhost:" + port;

        Path all = directory.resolve("all.ndjson");
        // Without a token the instance refuses; the analyst's token comes from a file, never from the arguments.
        assertThat(EventExportCommandAccess.run("--url=" + url, "--out=" + all, "--quiet")).isEqualTo(1);
        Path token = Files.writeString(directory.resolve("token"),
                TestTokens.of("analyst-" + UUID.randomUUID(), dev.orders.platform.security.Role.ANALYST) + "\n");
        assertThat(EventExportCommandAccess.run("--url=" + url, "--out=" + all, "--quiet",
                "--token-file=" + token)).isZero();
        List<String> lines = Files.readAllLines(all);
        assertThat(lines).isNotEmpty();
        List<Long> positions = lines.stream().map(line -> JSON.readTree(line).get("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(String.join("\n", lines)).doesNotContain("paymentToken");

        Path csv = directory.resolve("order.csv");
        assertThat(EventExportCommandAccess.run("--url=" + url, "--out=" + csv, "--format=csv",
                "--aggregate-id=" + orderId, "--quiet", "--token-file=" + token)).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("position,eventId,type,aggregateType,aggregateId,sequence,timestamp,payload");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).contains(",OrderPlaced,Order," + orderId + ",0,").contains("\"{\"\"orderId\"\":");
        assertThat(rows.get(3)).contains(",OrderRejected,Order," + orderId + ",2,")
                .contains("\"\"reason\"\":\"\"PAYMENT_DECLINED\"\"");
    }

    @Test
    void showsAnOrderAsItWasAtAnEarlierMoment() {
        String sku = OrdersClient.unique("ASOF");
        orders.createProduct(sku, 700, 5);
        UUID orderId = orders.place(OrdersClient.unique("analyst"), "as-of", Map.of(sku, 1), "tok_approve");
        orders.awaitStatus(orderId, "CONFIRMED");
        orders.step(orderId, "cancel", HttpStatus.ACCEPTED);
        orders.awaitStatus(orderId, "CANCELLED");
        List<JsonNode> events = export("aggregateId=" + orderId);
        Instant placed = Instant.parse(events.get(0).get("timestamp").asString());
        Instant confirmed = Instant.parse(events.get(2).get("timestamp").asString());

        http.get().uri("/api/v1/orders/{id}?asOf={at}", orderId, placed).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PLACED").jsonPath("$.version").isEqualTo(0);
        http.get().uri("/api/v1/orders/{id}?asOf={at}", orderId, confirmed).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED").jsonPath("$.version").isEqualTo(2);
        http.get().uri("/api/v1/orders/{id}", orderId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        http.get().uri("/api/v1/orders/{id}?asOf={at}", orderId, placed.minusMillis(1)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/orders/{id}?asOf=soon", orderId).exchange()
                .expectStatus().isBadRequest();
    }

    private String exportText(String query) {
        return orders.web().get().uri("/api/v1/events?" + query).accept(MediaType.APPLICATION_NDJSON)
                .retrieve().bodyToMono(String.class).defaultIfEmpty("").block(Duration.ofSeconds(30));
    }

    private List<JsonNode> export(String query) {
        return exportText(query).lines().map(JSON::readTree).toList();
    }
}
