package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderLine;
import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import dev.orders.platform.web.ProblemDetailsAdvice;
import dev.orders.platform.security.Caller;
import dev.orders.platform.security.CallerIdentity;
import dev.orders.platform.security.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The HTTP and SSE contract over an in-memory read model; the database itself is covered end to end in infra/app. */
class OrderEndpointsTest {

    private static final ParameterizedTypeReference<ServerSentEvent<OrderView>> SSE =
            new ParameterizedTypeReference<>() {
            };
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final Sinks.Many<String> triggers = Sinks.many().multicast().directBestEffort();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final SseSubscribers subscribers = new SseSubscribers(new SimpleMeterRegistry());
    private OrderChangeHub hub;
    private WebTestClient client;
    /** Who the requests come from; the security filter chain that sets it in the app is tested end to end. */
    private Caller caller = new Caller("ops", Set.of(Role.OPS));

    @BeforeEach
    void start() {
        hub = new OrderChangeHub(store, triggers.asFlux(), 500);
        hub.start();
        CallerIdentity identity = () -> Mono.fromSupplier(() -> caller);
        OrderHistory history = new OrderHistory(eventStore, Schedulers.boundedElastic());
        OrderLookup lookup = new OrderLookup(store, history, Duration.ofSeconds(5));
        client = WebTestClient.bindToController(
                        new OrderQueryController(store, lookup, history, identity),
                        new OrderUpdatesController(lookup, store, hub, identity, Duration.ofHours(1), subscribers))
                .controllerAdvice(new ProblemDetailsAdvice())
                .build()
                .mutate().responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        hub.stop();
    }

    @Test
    void returnsAnOrderById() {
        OrderView view = store.record(order("alice", T0)).view();

        client.get().uri("/api/v1/orders/{id}", view.orderId()).exchange()
                .expectStatus().isOk()
                .expectBody(OrderView.class).isEqualTo(view);
    }

    @Test
    void waitsForTheViewOfAnAcceptedOrderThatIsNotProjectedYet() {
        OrderView view = order("alice", T0);
        eventStore.publish(new GenericDomainEventMessage<>("Order", view.orderId().toString(), 0,
                new OrderEvent.OrderPlaced(view.orderId(), "alice",
                        List.of(new OrderLine("SKU-1", 1, new Money(100, "EUR"))), new Money(100, "EUR"), "tok")));
        Mono.delay(Duration.ofMillis(300)).subscribe(ignored -> store.record(view));

        client.get().uri("/api/v1/orders/{id}", view.orderId()).exchange()
                .expectStatus().isOk()
                .expectBody(OrderView.class).isEqualTo(view);
    }

    @Test
    void showsAnOrderAsItWasAtAnInstantFromItsEvents() {
        UUID orderId = UUID.randomUUID();
        eventStore.publish(
                recorded(orderId, 0, new OrderEvent.OrderPlaced(orderId, "alice",
                        List.of(new OrderLine("SKU-1", 2, new Money(100, "EUR"))), new Money(200, "EUR"), "tok"), T0),
                recorded(orderId, 1, new OrderEvent.OrderStockReserved(orderId, "alice"), T0.plusSeconds(10)),
                recorded(orderId, 2, new OrderEvent.OrderRejected(orderId, "alice",
                        RejectionReason.PAYMENT_DECLINED, "declined"), T0.plusSeconds(20)));

        OrderView reserved = client.get().uri("/api/v1/orders/{id}?asOf={at}", orderId, "2026-03-01T10:00:15Z")
                .exchange()
                .expectStatus().isOk()
                .expectBody(OrderView.class).returnResult().getResponseBody();
        assertThat(reserved.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(reserved.version()).isEqualTo(1);
        assertThat(reserved.totalCents()).isEqualTo(200);
        assertThat(reserved.placedAt()).isEqualTo(T0);
        assertThat(reserved.updatedAt()).isEqualTo(T0.plusSeconds(10));
        // An offset is fine; this is 10:00:20Z, the moment of the rejection.
        client.get().uri("/api/v1/orders/{id}?asOf={at}", orderId, "2026-03-01T11:00:20+01:00").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("REJECTED");
        client.get().uri("/api/v1/orders/{id}?asOf={at}", orderId, "2026-03-01T09:59:59.999Z").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains(orderId.toString()).contains("2026-03-01T09:59:59.999Z"));
        client.get().uri("/api/v1/orders/{id}?asOf={at}", UUID.randomUUID(), "2026-03-01T10:00:15Z").exchange()
                .expectStatus().isNotFound();
        expectBadRequest("/api/v1/orders/" + orderId + "?asOf=last-tuesday", "asOf must be an ISO-8601 timestamp");
    }

    @Test
    void historyLeavesOutThePaymentToken() {
        UUID orderId = UUID.randomUUID();
        eventStore.publish(recorded(orderId, 0, new OrderEvent.OrderPlaced(orderId, "alice",
                List.of(new OrderLine("SKU-1", 2, new Money(100, "EUR"))), new Money(200, "EUR"), "tok_secret"), T0));

        client.get().uri("/api/v1/orders/{id}/history", orderId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].type").isEqualTo("OrderPlaced")
                .jsonPath("$[0].payload.customerId").isEqualTo("alice")
                .jsonPath("$[0].payload.paymentToken").doesNotExist()
                .consumeWith(result -> assertThat(new String(result.getResponseBody())).doesNotContain("tok_secret"));
    }

    @Test
    void answersUnknownOrdersWith404AndMalformedIdsWith400() {
        client.get().uri("/api/v1/orders/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/orders/not-a-uuid").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("UUID"));
        client.get().uri("/api/v1/orders/{id}/history", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void pagesNewestFirstWithAnOpaqueCursor() {
        OrderView oldest = store.record(order("alice", T0)).view();
        OrderView middle = store.record(order("bob", T0.plusSeconds(1))).view();
        OrderView newest = store.record(order("alice", T0.plusSeconds(2))).view();

        OrderPage first = client.get().uri("/api/v1/orders?limit=2").exchange()
                .expectStatus().isOk().expectBody(OrderPage.class).returnResult().getResponseBody();
        assertThat(first.items()).containsExactly(newest, middle);
        assertThat(first.nextCursor()).isNotNull();

        OrderPage second = client.get().uri("/api/v1/orders?limit=2&cursor={c}", first.nextCursor()).exchange()
                .expectStatus().isOk().expectBody(OrderPage.class).returnResult().getResponseBody();
        assertThat(second.items()).containsExactly(oldest);
        assertThat(second.nextCursor()).isNull();

        OrderPage alices = client.get().uri("/api/v1/orders?customerId=alice&status=placed").exchange()
                .expectStatus().isOk().expectBody(OrderPage.class).returnResult().getResponseBody();
        assertThat(alices.items()).containsExactly(newest, oldest);
    }

    @Test
    void rejectsBadListParametersWithAClearBadRequest() {
        expectBadRequest("/api/v1/orders?status=LOST", "status must be one of");
        expectBadRequest("/api/v1/orders?limit=0", "limit must be a whole number from 1 to 200");
        expectBadRequest("/api/v1/orders?limit=201", "limit must be a whole number from 1 to 200");
        expectBadRequest("/api/v1/orders?cursor=garbage", "cursor is not valid");
        expectBadRequest("/api/v1/orders?from=yesterday", "from must be an ISO-8601 timestamp");
        expectBadRequest("/api/v1/orders?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from must be before to");
    }

    @Test
    void orderStreamStartsWithTheCurrentViewThenFollowsChangesUntilTerminal() {
        OrderView placed = store.record(order("alice", T0)).view();

        Flux<ServerSentEvent<OrderView>> events = client.get().uri("/api/v1/orders/{id}/updates", placed.orderId())
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody();

        StepVerifier.create(events)
                .assertNext(event -> {
                    assertThat(event.id()).isEqualTo("0");
                    assertThat(event.event()).isEqualTo("PLACED");
                    assertThat(event.data()).isEqualTo(placed);
                })
                .then(() -> assertThat(subscribers.open(SseSubscribers.Stream.ORDER)).isEqualTo(1))
                .then(() -> commit(moved(placed, OrderStatus.STOCK_RESERVED, 1)))
                .assertNext(event -> assertThat(event.id()).isEqualTo("1"))
                .then(() -> commit(moved(placed, OrderStatus.CANCELLED, 2)))
                .assertNext(event -> {
                    assertThat(event.id()).isEqualTo("2");
                    assertThat(event.data().status()).isEqualTo(OrderStatus.CANCELLED);
                })
                .verifyComplete();
    }

    @Test
    void orderStreamResumesAfterLastEventIdWithoutRepeats() {
        OrderView placed = store.record(order("alice", T0)).view();
        store.record(moved(placed, OrderStatus.STOCK_RESERVED, 1));
        store.record(moved(placed, OrderStatus.CONFIRMED, 2));

        Flux<ServerSentEvent<OrderView>> events = client.get().uri("/api/v1/orders/{id}/updates", placed.orderId())
                .accept(MediaType.TEXT_EVENT_STREAM).header("Last-Event-ID", "0").exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody();

        StepVerifier.create(events.map(ServerSentEvent::id))
                .expectNext("1", "2")
                // The hub now also publishes 1 and 2 (they are after its start position): they must not repeat.
                .then(() -> commit(moved(placed, OrderStatus.SHIPPED, 3)))
                .expectNext("3")
                .then(() -> commit(moved(placed, OrderStatus.DELIVERED, 4)))
                .expectNext("4")
                .verifyComplete();
    }

    @Test
    void orderStreamRefusesBeforeStartingWhenOrderOrHeaderIsWrong() {
        client.get().uri("/api/v1/orders/{id}/updates", UUID.randomUUID()).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isNotFound();
        OrderView placed = store.record(order("alice", T0)).view();
        client.get().uri("/api/v1/orders/{id}/updates", placed.orderId()).accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "abc").exchange().expectStatus().isBadRequest();
    }

    @Test
    void orderStreamTellsAClientThatSawTheEndToStopReconnecting() {
        OrderView placed = store.record(order("alice", T0)).view();
        store.record(moved(placed, OrderStatus.CANCELLED, 1));

        client.get().uri("/api/v1/orders/{id}/updates", placed.orderId()).accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "1").exchange().expectStatus().isNoContent();
    }

    @Test
    void customerStreamStartsNowAndCarriesOnlyThatCustomersChanges() {
        store.record(order("alice", T0));

        Flux<ServerSentEvent<OrderView>> events = client.get().uri("/api/v1/orders/updates?customerId=alice")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody();

        StepVerifier.create(events)
                .assertNext(ready -> {
                    assertThat(ready.event()).isEqualTo("ready");
                    assertThat(ready.id()).isEqualTo("1");
                    assertThat(ready.data()).isNull();
                })
                .then(() -> {
                    commit(order("bob", T0));
                    commit(order("alice", T0));
                })
                .assertNext(event -> {
                    assertThat(event.id()).isEqualTo("3");
                    assertThat(event.data().customerId()).isEqualTo("alice");
                })
                .thenCancel()
                .verify();
    }

    @Test
    void customerStreamReplaysFromTheLogAfterLastEventId() {
        OrderView first = store.record(order("alice", T0)).view();
        store.record(order("bob", T0));
        store.record(moved(first, OrderStatus.REJECTED, 1));

        Flux<ServerSentEvent<OrderView>> events = client.get().uri("/api/v1/orders/updates?customerId=alice")
                .accept(MediaType.TEXT_EVENT_STREAM).header("Last-Event-ID", "1").exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody();

        StepVerifier.create(events.map(ServerSentEvent::id))
                .expectNext("3")
                .then(() -> commit(order("alice", T0)))
                .expectNext("4")
                .thenCancel()
                .verify();
        client.get().uri("/api/v1/orders/updates?customerId=alice").accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "-").exchange().expectStatus().isBadRequest();
    }

    @Test
    void customerReadsOwnOrdersAndIsToldOthersDoNotExist() {
        OrderView alices = store.record(order("alice", T0)).view();
        OrderView bobs = store.record(order("bob", T0.plusSeconds(1))).view();
        eventStore.publish(recorded(bobs.orderId(), 0, new OrderEvent.OrderPlaced(bobs.orderId(), "bob",
                List.of(new OrderLine("SKU-1", 1, new Money(100, "EUR"))), new Money(100, "EUR"), "tok"), T0));
        caller = new Caller("alice", Set.of(Role.CUSTOMER));

        client.get().uri("/api/v1/orders/{id}", alices.orderId()).exchange().expectStatus().isOk();
        client.get().uri("/api/v1/orders/{id}", bobs.orderId()).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("order " + bobs.orderId() + " does not exist");
        client.get().uri("/api/v1/orders/{id}?asOf={at}", bobs.orderId(), "2026-03-01T10:00:15Z").exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/orders/{id}/history", bobs.orderId()).exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/orders/{id}/updates", bobs.orderId()).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isNotFound();

        OrderPage own = client.get().uri("/api/v1/orders").exchange()
                .expectStatus().isOk().expectBody(OrderPage.class).returnResult().getResponseBody();
        assertThat(own.items()).containsExactly(alices);
        client.get().uri("/api/v1/orders?customerId=bob").exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/orders/updates?customerId=bob").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isForbidden();

        caller = new Caller("carol", Set.of(Role.ANALYST));
        client.get().uri("/api/v1/orders/{id}/history", bobs.orderId()).exchange().expectStatus().isOk();
        OrderPage everyone = client.get().uri("/api/v1/orders").exchange()
                .expectStatus().isOk().expectBody(OrderPage.class).returnResult().getResponseBody();
        assertThat(everyone.items()).containsExactly(bobs, alices);
    }

    @Test
    void operatorsStreamWithoutCustomerIdCarriesEveryOrder() {
        store.record(order("alice", T0));

        Flux<ServerSentEvent<OrderView>> events = client.get().uri("/api/v1/orders/updates")
                .accept(MediaType.TEXT_EVENT_STREAM).header("Last-Event-ID", "0").exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody();

        StepVerifier.create(events.map(event -> event.data().customerId()))
                .expectNext("alice")
                .then(() -> commit(order("bob", T0)))
                .expectNext("bob")
                .thenCancel()
                .verify();
    }

    private static GenericDomainEventMessage<OrderEvent> recorded(UUID orderId, long sequence, OrderEvent event,
                                                                  Instant at) {
        return new GenericDomainEventMessage<>("Order", orderId.toString(), sequence, event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
    }

    private void expectBadRequest(String uri, String message) {
        client.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(message));
    }

    /** What the projection's commit does: a change row, then the notification. */
    private void commit(OrderView view) {
        store.record(view);
        triggers.tryEmitNext("notified");
    }

    private static OrderView order(String customer, Instant placedAt) {
        return new OrderView(UUID.randomUUID(), customer, OrderStatus.PLACED,
                List.of(new OrderView.Line("SKU-1", 1, 100, 100)), 100, "EUR", null, null, null, placedAt, placedAt,
                0);
    }

    private static OrderView moved(OrderView view, OrderStatus status, long version) {
        return new OrderView(view.orderId(), view.customerId(), status, view.lines(), view.totalCents(),
                view.currency(), null, null, null, view.placedAt(), view.placedAt().plusSeconds(version), version);
    }
}
