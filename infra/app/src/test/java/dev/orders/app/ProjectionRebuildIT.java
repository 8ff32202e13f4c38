package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rebuilding the order read model from the event store while it keeps answering: the rebuilt model equals the live
 * one, the SSE change log keeps its positions, and the live processor carries on afterwards.
 */
class ProjectionRebuildIT extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String ORDER_VIEW = "/api/v1/admin/projections/order-view";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rebuildsTheOrderViewWhileQueriesKeepAnswering() {
        String sku = OrdersClient.unique("REBUILD");
        orders.createProduct(sku, 450, 4);
        String customer = OrdersClient.unique("rebuilder");
        List<UUID> placed = placeOrdersInEveryState(customer, sku);
        Map<String, Object> page = list(customer);
        List<Map<String, Object>> rows = rows(customer);
        List<Map<String, Object>> changes = changes(customer);
        assertThat(rows).hasSize(placed.size());

        List<Answer> answers = new CopyOnWriteArrayList<>();
        Disposable reader = keepReading(customer, placed, page, answers);
        Map<String, Object> started;
        try {
            // One event per page with a pause between pages: long enough to watch queries during the rebuild.
            started = http.post().uri(ORDER_VIEW + "/rebuild?pageSize=1&pagePause=25ms").exchange()
                    .expectStatus().isAccepted()
                    .expectHeader().valueEquals("Location", ORDER_VIEW)
                    .expectBody(JSON).returnResult().getResponseBody();
            assertThat(started).containsEntry("name", "order-view").containsEntry("state", "REBUILDING");
            http.post().uri(ORDER_VIEW + "/rebuild").exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectBody().jsonPath("$.detail").isEqualTo("A rebuild of order-view is already running");

            List<Map<String, Object>> progress = new ArrayList<>();
            Map<String, Object> done = Awaitility.await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Map<String, Object> status = status();
                        progress.add(status);
                        return status;
                    }, status -> !List.of("REBUILDING", "SWAPPING").contains(status.get("state")));

            assertThat(done).as("final status").containsEntry("state", "DONE").containsEntry("percent", 100.0)
                    .containsEntry("startedAt", started.get("startedAt")).containsEntry("error", null);
            assertThat(((Number) done.get("events")).longValue()).isGreaterThanOrEqualTo(rows.size());
            assertThat(((Number) done.get("position")).longValue()).isPositive();
            assertThat(done.get("finishedAt")).isNotNull();
            Map<String, Object> midway = progress.stream()
                    .filter(status -> "REBUILDING".equals(status.get("state"))
                            && ((Number) status.get("events")).longValue() > 0)
                    .findFirst().orElseThrow(() -> new AssertionError("no progress seen: " + progress));
            assertThat(((Number) midway.get("percent")).doubleValue()).isBetween(0.0, 100.0);
            assertThat(((Number) midway.get("headPosition")).longValue())
                    .isGreaterThanOrEqualTo(((Number) midway.get("position")).longValue());
            assertThat(((Number) midway.get("eventsPerSecond")).doubleValue()).isPositive();
            assertThat(midway.get("etaSeconds")).isNotNull();

            Instant from = Instant.parse((String) done.get("startedAt"));
            Instant to = Instant.parse((String) done.get("finishedAt"));
            assertThat(answers).filteredOn(answer -> answer.at().isAfter(from) && answer.at().isBefore(to))
                    .as("queries answered while the rebuild ran").hasSizeGreaterThan(10);
        } finally {
            reader.dispose();
        }
        assertThat(answers).filteredOn(answer -> !answer.ok()).as("failed or wrong answers").isEmpty();

        assertThat(rows(customer)).isEqualTo(rows);
        assertThat(list(customer)).isEqualTo(page);
        assertThat(changes(customer)).as("the change log keeps its positions").isEqualTo(changes);
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where schemaname = 'order_query' "
                + "and tablename like 'orders\\_%'", Integer.class)).as("no shadow or retired table left").isZero();
        // The live processor runs again: a new order shows up, over SSE too.
        UUID after = orders.place(customer, "after-rebuild", Map.of(sku, 1), "tok_approve");
        orders.awaitStatus(after, "CONFIRMED");
        assertThat(changes(customer)).hasSizeGreaterThan(changes.size());
    }

    @Test
    void answersUnknownProjectionsWith404() {
        http.get().uri("/api/v1/admin/projections/no-such-view").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("projection no-such-view does not exist");
        http.post().uri("/api/v1/admin/projections/no-such-view/rebuild").exchange().expectStatus().isNotFound();
        http.post().uri(ORDER_VIEW + "/rebuild?pageSize=0").exchange().expectStatus().isBadRequest();
        http.post().uri(ORDER_VIEW + "/rebuild?pagePause=forever").exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/admin/projections").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[0].name").isEqualTo("order-view");
    }

    private List<UUID> placeOrdersInEveryState(String customer, String sku) {
        UUID confirmed = orders.place(customer, "confirmed", Map.of(sku, 1), "tok_approve");
        UUID declined = orders.place(customer, "declined", Map.of(sku, 1), "tok_decline");
        UUID outOfStock = orders.place(customer, "out-of-stock", Map.of(sku, 99), "tok_approve");
        UUID cancelled = orders.place(customer, "cancelled", Map.of(sku, 1), "tok_approve");
        UUID delivered = orders.place(customer, "delivered", Map.of(sku, 1), "tok_approve");
        orders.awaitStatus(confirmed, "CONFIRMED");
        orders.awaitStatus(declined, "REJECTED");
        orders.awaitStatus(outOfStock, "REJECTED");
        orders.awaitStatus(cancelled, "CONFIRMED");
        orders.step(cancelled, "cancel", HttpStatus.ACCEPTED);
        orders.awaitStatus(cancelled, "CANCELLED");
        orders.awaitStatus(delivered, "CONFIRMED");
        orders.step(delivered, "ship", HttpStatus.ACCEPTED);
        orders.awaitStatus(delivered, "SHIPPED");
        orders.step(delivered, "deliver", HttpStatus.ACCEPTED);
        orders.awaitStatus(delivered, "DELIVERED");
        return List.of(confirmed, declined, outOfStock, cancelled, delivered);
    }

    /** Reads single orders and the customer's list in a loop, recording when each answer came and whether it held. */
    private Disposable keepReading(String customer, List<UUID> ids, Map<String, Object> page, List<Answer> answers) {
        Map<String, Map<String, Object>> views = new HashMap<>();
        for (Object item : (List<?>) page.get("items")) {
            Map<String, Object> view = cast(item);
            views.put((String) view.get("orderId"), view);
        }
        AtomicInteger turn = new AtomicInteger();
        return Flux.interval(Duration.ofMillis(15))
                .onBackpressureDrop()
                .concatMap(tick -> {
                    int n = turn.getAndIncrement();
                    Mono<Boolean> check = n % (ids.size() + 1) == ids.size()
                            ? orders.web().get().uri("/api/v1/orders?customerId={c}&limit=50", customer).retrieve()
                                    .bodyToMono(JSON).map(page::equals)
                            : orders.web().get().uri("/api/v1/orders/{id}", ids.get(n % (ids.size() + 1)))
                                    .retrieve().bodyToMono(JSON)
                                    .map(view -> view.equals(views.get((String) view.get("orderId"))));
                    return check.onErrorReturn(false).map(ok -> new Answer(Instant.now(), ok));
                }, 1)
                .subscribe(answers::add);
    }

    private Map<String, Object> status() {
        return http.get().uri(ORDER_VIEW).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private Map<String, Object> list(String customer) {
        return http.get().uri("/api/v1/orders?customerId={c}&limit=50", customer).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    private List<Map<String, Object>> rows(String customer) {
        return jdbc.queryForList("select order_id, customer_id, status, lines::text as lines, total_cents, currency, "
                + "rejection_reason, rejection_detail, cancellation_reason, placed_at, updated_at, version "
                + "from order_query.orders where customer_id = ? order by order_id", customer);
    }

    private List<Map<String, Object>> changes(String customer) {
        return jdbc.queryForList("select position, order_id, sequence, status, view::text as view "
                + "from order_query.order_changes where customer_id = ? order by position", customer);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    private record Answer(Instant at, boolean ok) {
    }
}
