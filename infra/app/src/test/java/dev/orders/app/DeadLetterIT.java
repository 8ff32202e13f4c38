package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The order-view projection's dead-letter queue over real HTTP and PostgreSQL. The poison is a check constraint the
 * test adds to the read-model table, which one customer's confirmed orders violate: the projection's own SQL fails,
 * as it would for a real bad payload, and "the fix" is dropping the constraint.
 */
class DeadLetterIT extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String ORDER_VIEW = "/api/v1/admin/dead-letters/order-view";
    private static final Pattern GAUGE =
            Pattern.compile("orders_deadletters\\{[^}]*processor=\"order-view\"[^}]*} (\\S+)");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPoisonEventParksOnlyItsOrderAndARetryAfterTheFixDrainsIt() {
        String sku = OrdersClient.unique("POISON");
        orders.createProduct(sku, 700, 10);
        String poisoned = OrdersClient.unique("poisoned");
        String healthy = OrdersClient.unique("healthy");
        UUID parked;
        String constraint = poison(poisoned);
        try {
            parked = orders.place(poisoned, "parked", Map.of(sku, 1), "tok_approve");
            List<Map<String, Object>> letters = awaitLetters(parked, l -> l.size() == 1);
            assertThat(letters.get(0)).containsEntry("eventType", "OrderConfirmed")
                    .containsEntry("aggregateType", "Order")
                    .containsEntry("aggregateId", parked.toString())
                    .containsEntry("attempts", 1);
            assertThat(((Number) letters.get(0).get("aggregateSequence")).longValue()).isEqualTo(2);
            assertThat((String) letters.get(0).get("causeMessage")).contains(constraint);
            assertThat(letters.get(0).get("enqueuedAt")).isNotNull();

            // Another order flows through the same processor, past the parked one, all the way.
            UUID flowing = orders.place(healthy, "flowing", Map.of(sku, 1), "tok_approve");
            orders.awaitStatus(flowing, "CONFIRMED");

            // The parked order's later events queue behind its first failure, in order, untried.
            orders.step(parked, "ship", HttpStatus.ACCEPTED);
            awaitLetters(parked, l -> l.size() == 2);
            orders.step(parked, "deliver", HttpStatus.ACCEPTED);
            letters = awaitLetters(parked, l -> l.size() == 3);
            assertThat(letters).extracting(l -> l.get("eventType"))
                    .containsExactly("OrderConfirmed", "OrderShipped", "OrderDelivered");
            assertThat(letters).extracting(l -> ((Number) l.get("aggregateSequence")).longValue())
                    .containsExactly(2L, 3L, 4L);
            assertThat(letters).extracting(l -> l.get("attempts")).containsExactly(1, 0, 0);
            orders.step(flowing, "ship", HttpStatus.ACCEPTED);
            orders.awaitStatus(flowing, "SHIPPED");
            assertThat(view(parked)).containsEntry("status", "STOCK_RESERVED");
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> gauge() >= 3);

            // Retried before the fix: everything stays parked, and the failure is counted.
            Map<String, Object> stillFailing = retry(parked, HttpStatus.OK);
            assertThat(stillFailing).containsEntry("drained", false);
            assertThat(DeadLetterIT.<Map<String, Object>>list(stillFailing.get("remaining")))
                    .extracting(l -> l.get("attempts"))
                    .containsExactly(2, 0, 0);
            assertThat(view(parked)).containsEntry("status", "STOCK_RESERVED");
        } finally {
            jdbc.execute("ALTER TABLE order_query.orders DROP CONSTRAINT IF EXISTS " + constraint);
        }

        Map<String, Object> drained = retry(parked, HttpStatus.OK);
        assertThat(drained).containsEntry("drained", true).containsEntry("sequenceIdentifier", parked.toString());
        assertThat(list(drained.get("remaining"))).isEmpty();
        assertThat(sequence(queue(), parked)).isNull();
        assertThat(view(parked)).containsEntry("status", "DELIVERED").containsEntry("version", 4);
        assertThat(jdbc.queryForList("SELECT status FROM order_query.order_changes WHERE order_id = ? "
                + "ORDER BY position", String.class, parked))
                .as("the change log took the parked events in their order")
                .containsExactly("PLACED", "STOCK_RESERVED", "CONFIRMED", "SHIPPED", "DELIVERED");
        retry(parked, HttpStatus.NOT_FOUND);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> gauge() == 0);
    }

    @Test
    void evictsAParkedSequenceForGood() {
        String sku = OrdersClient.unique("EVICT");
        orders.createProduct(sku, 300, 5);
        String poisoned = OrdersClient.unique("evicted");
        String constraint = poison(poisoned);
        UUID parked;
        try {
            parked = orders.place(poisoned, "evicted", Map.of(sku, 1), "tok_approve");
            awaitLetters(parked, l -> l.size() == 1);
        } finally {
            jdbc.execute("ALTER TABLE order_query.orders DROP CONSTRAINT IF EXISTS " + constraint);
        }

        http.delete().uri(ORDER_VIEW + "/{sequence}", parked).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.evicted").isEqualTo(1)
                .jsonPath("$.processor").isEqualTo("order-view");
        assertThat(sequence(queue(), parked)).isNull();
        assertThat(view(parked)).as("the evicted event is never applied").containsEntry("status", "STOCK_RESERVED");
        http.delete().uri(ORDER_VIEW + "/{sequence}", parked).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail")
                .isEqualTo("dead-letter sequence " + parked + " of processor order-view does not exist");
    }

    @Test
    void listsTheQueuesAndRefusesWhatIsNotThere() {
        http.get().uri("/api/v1/admin/dead-letters").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].processor").value(names -> assertThat(list(names))
                        .containsExactly("inventory-catalogue", "order-view"));
        http.get().uri(ORDER_VIEW + "?limit=5").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.processor").isEqualTo("order-view");
        http.get().uri(ORDER_VIEW + "?limit=0").exchange().expectStatus().isBadRequest();
        http.get().uri(ORDER_VIEW + "?limit=many").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
        // The publisher and the saga have no queue: they stop and retry instead.
        http.get().uri("/api/v1/admin/dead-letters/kafka-publisher").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail")
                .isEqualTo("dead-letter queue of processor kafka-publisher does not exist");
        http.post().uri("/api/v1/admin/dead-letters/OrderFulfilmentSagaProcessor/x/retry").exchange()
                .expectStatus().isNotFound();
        http.post().uri(ORDER_VIEW + "/{sequence}/retry", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        http.get().uri(ORDER_VIEW).headers(h -> h.setBearerAuth(TestTokens.customer("nosy"))).exchange()
                .expectStatus().isForbidden();
    }

    /** Makes the order view refuse every status past STOCK_RESERVED for one customer's orders. */
    private String poison(String customer) {
        String constraint = "dead_letter_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute("ALTER TABLE order_query.orders ADD CONSTRAINT " + constraint + " CHECK (customer_id <> '"
                + customer + "' OR status IN ('PLACED', 'STOCK_RESERVED'))");
        return constraint;
    }

    private List<Map<String, Object>> awaitLetters(UUID orderId, Predicate<List<Map<String, Object>>> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Map<String, Object> sequence = sequence(queue(), orderId);
                    return sequence == null ? List.<Map<String, Object>>of() : list(sequence.get("letters"));
                }, letters -> !letters.isEmpty() && condition.test(letters));
    }

    private Map<String, Object> queue() {
        return http.get().uri(ORDER_VIEW).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private static Map<String, Object> sequence(Map<String, Object> queue, UUID orderId) {
        return DeadLetterIT.<Map<String, Object>>list(queue.get("sequences")).stream()
                .filter(sequence -> orderId.toString().equals(sequence.get("sequenceIdentifier")))
                .findFirst().orElse(null);
    }

    private Map<String, Object> retry(UUID orderId, HttpStatus expected) {
        return http.post().uri(ORDER_VIEW + "/{sequence}/retry", orderId).exchange()
                .expectStatus().isEqualTo(expected)
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private Map<String, Object> view(UUID orderId) {
        return http.get().uri("/api/v1/orders/{id}", orderId).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private double gauge() {
        // Only this gauge: the whole scrape is larger than the client buffers.
        String metrics = http.get().uri("/actuator/prometheus?includedNames=orders_deadletters").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher matcher = GAUGE.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }
}
