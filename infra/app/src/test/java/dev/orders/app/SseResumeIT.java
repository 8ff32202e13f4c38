package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/** SSE clients that reconnect with Last-Event-ID get exactly what they missed: nothing lost, nothing twice. */
class SseResumeIT extends IntegrationTest {

    @Test
    void perOrderStreamResumesAfterLastEventIdAndCompletesAtTheEnd() {
        String sku = OrdersClient.unique("SSE");
        orders.createProduct(sku, 300, 5);
        UUID orderId = orders.place(OrdersClient.unique("watcher"), "sse-1", Map.of(sku, 1), "tok_approve");
        orders.awaitStatus(orderId, "CONFIRMED");
        orders.step(orderId, "ship", HttpStatus.ACCEPTED);
        orders.step(orderId, "deliver", HttpStatus.ACCEPTED);
        orders.awaitStatus(orderId, "DELIVERED");

        List<ServerSentEvent<Map<String, Object>>> resumed = orders.updates(orderId, "1")
                .collectList().block(Duration.ofSeconds(20));

        assertThat(resumed).extracting(ServerSentEvent::id).containsExactly("2", "3", "4");
        assertThat(resumed).extracting(event -> event.data().get("status"))
                .containsExactly("CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void perOrderStreamStartsWithTheCurrentState() {
        String sku = OrdersClient.unique("SSE");
        orders.createProduct(sku, 300, 5);
        UUID orderId = orders.place(OrdersClient.unique("watcher"), "sse-2", Map.of(sku, 1), "tok_decline");
        orders.awaitStatus(orderId, "REJECTED");

        List<ServerSentEvent<Map<String, Object>>> events = orders.updates(orderId, null)
                .collectList().block(Duration.ofSeconds(20));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.data()).containsEntry("status", "REJECTED");
            assertThat(event.id()).isEqualTo(String.valueOf(event.data().get("version")));
        });
    }

    @Test
    void customerStreamReplaysExactlyTheMissedChangesThenContinuesLive() {
        String sku = OrdersClient.unique("SSE");
        orders.createProduct(sku, 300, 10);
        String customer = OrdersClient.unique("streamer");
        orders.awaitStatus(orders.place(customer, "c-1", Map.of(sku, 1), "tok_approve"), "CONFIRMED");
        orders.awaitStatus(orders.place(customer, "c-2", Map.of(sku, 2), "tok_approve"), "CONFIRMED");

        List<ServerSentEvent<Map<String, Object>>> all = untilConfirmed(customerUpdates(customer, "0"), 2);
        assertThat(all).extracting(event -> event.data().get("status"))
                .containsOnly("PLACED", "STOCK_RESERVED", "CONFIRMED").hasSize(6);
        assertThat(all).extracting(event -> Long.parseLong(event.id())).isSorted().doesNotHaveDuplicates();

        List<ServerSentEvent<Map<String, Object>>> resumed =
                untilConfirmed(customerUpdates(customer, all.get(1).id()), 2);
        assertThat(resumed).extracting(ServerSentEvent::id)
                .containsExactlyElementsOf(all.subList(2, all.size()).stream().map(ServerSentEvent::id).toList());

        // Resuming from the newest id and placing another order: only the new changes arrive, live.
        Flux<ServerSentEvent<Map<String, Object>>> tail = customerUpdates(customer, all.get(all.size() - 1).id());
        UUID third = orders.place(customer, "c-3", Map.of(sku, 1), "tok_approve");
        List<ServerSentEvent<Map<String, Object>>> live = untilConfirmed(tail, 1);
        assertThat(live).extracting(event -> event.data().get("orderId")).containsOnly(third.toString());
        assertThat(live).extracting(event -> event.data().get("status"))
                .containsExactly("PLACED", "STOCK_RESERVED", "CONFIRMED");
    }

    private static List<ServerSentEvent<Map<String, Object>>> untilConfirmed(
            Flux<ServerSentEvent<Map<String, Object>>> stream, int confirmations) {
        java.util.concurrent.atomic.AtomicInteger confirmed = new java.util.concurrent.atomic.AtomicInteger();
        return stream
                .takeUntil(event -> "CONFIRMED".equals(event.data().get("status"))
                        && confirmed.incrementAndGet() == confirmations)
                .collectList().block(Duration.ofSeconds(30));
    }

    @Test
    void malformedLastEventIdIsA400() {
        http.get().uri("/api/v1/orders/updates?customerId=someone")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "yesterday")
                .exchange()
                .expectStatus().isBadRequest();
    }

    private Flux<ServerSentEvent<Map<String, Object>>> customerUpdates(String customer, String lastEventId) {
        return orders.web().get().uri("/api/v1/orders/updates?customerId={c}", customer)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve()
                .bodyToFlux(OrdersClient.SSE)
                .filter(event -> event.data() != null);
    }
}
