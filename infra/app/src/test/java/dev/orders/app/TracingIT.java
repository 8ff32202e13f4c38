package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/**
 * One trace per order: from the HTTP request through the command, the events, the saga's steps, the call to the
 * payment provider, the publication to Kafka and the notification consumer, every span reachable from the request's.
 */
class TracingIT extends IntegrationTest {

    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("orders.request_id");
    private static final AttributeKey<String> NOTIFICATION_OUTCOME = AttributeKey.stringKey("orders.notification.outcome");
    private static final AttributeKey<String> URL = AttributeKey.stringKey("http.url");
    private static final AttributeKey<String> AGGREGATE_ID = AttributeKey.stringKey("axon_aggregate_identifier");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("axon_message_id");
    private static final AttributeKey<String> MESSAGING_ID = AttributeKey.stringKey("messaging.message.id");

    @Test
    void anOrderIsOneConnectedTraceFromTheRequestToTheNotification() {
        TestSpans.reset();
        String sku = OrdersClient.unique("TRACE");
        orders.createProduct(sku, 700, 5);
        String customer = OrdersClient.unique("traced");
        http.put().uri("/api/v1/notifications/contacts/{id}", customer)
                .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                .bodyValue(Map.of("email", customer + "@example.com"))
                .exchange()
                .expectStatus().isOk();

        String requestId = OrdersClient.unique("trace-request");
        Map<?, ?> placed = http.post().uri("/api/v1/orders")
                .header("Idempotency-Key", "trace-1")
                .header("X-Request-ID", requestId)
                .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                .bodyValue(OrdersClient.placeRequest(customer, Map.of(sku, 2), "tok_approve"))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        UUID orderId = UUID.fromString((String) placed.get("orderId"));
        orders.awaitStatus(orderId, "CONFIRMED");
        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(orderId).stream()
                .anyMatch(entry -> "SENT".equals(entry.get("status"))));

        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> TestSpans.finished().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER
                                && requestId.equals(span.getAttributes().get(REQUEST_ID)))
                        .findFirst().orElse(null),
                span -> span != null);
        String traceId = request.getTraceId();

        // Spans end at different times on different threads: wait until the notification's span has arrived and
        // every span's parent has ended too (a parent ends after its children).
        AtomicReference<List<SpanData>> complete = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<SpanData> spans = TestSpans.ofTrace(traceId);
            assertThat(spans).anyMatch(span -> span.getKind() == SpanKind.CONSUMER
                    && span.getName().equals("process orders.events.v1")
                    && "NOTIFIED".equals(span.getAttributes().get(NOTIFICATION_OUTCOME)));
            assertConnected(spans, request, describe(spans));
            complete.set(spans);
        });
        List<SpanData> trace = complete.get();
        String names = describe(trace);

        assertThat(request.getName()).isEqualTo("http post /api/v1/orders");
        assertThat(request.getParentSpanContext().isValid()).as("the request starts the trace").isFalse();
        assertThat(trace).as(names).extracting(span -> span.getKind() + " " + span.getName()).contains(
                "INTERNAL CommandBus.dispatchCommand(PlaceOrder)",
                "CONSUMER CommandBus.handleCommand(PlaceOrder)",
                "INTERNAL Order.handle(PlaceOrder)",
                "PRODUCER EventBus.publishEvent(OrderPlaced)",
                "CONSUMER StreamingEventProcessor.process(OrderPlaced)",
                "INTERNAL OrderFulfilmentSaga.on(OrderPlaced)",
                "INTERNAL StockItem.handle(ReserveStock)",
                "INTERNAL OrderFulfilmentSaga.on(StockReserved)",
                "INTERNAL PaymentProviderHandler.on(PaymentAuthorizationRequested)",
                "INTERNAL OrderFulfilmentSaga.on(PaymentAuthorized)",
                "INTERNAL Order.handle(ConfirmOrder)",
                "PRODUCER EventBus.publishEvent(OrderConfirmed)");

        // The provider call: a client span under the payment handler's span, announced to the provider.
        SpanData handler = only(trace, SpanKind.INTERNAL, "PaymentProviderHandler.on(PaymentAuthorizationRequested)");
        SpanData call = only(trace, SpanKind.CLIENT, "http post");
        assertThat(call.getAttributes().get(URL)).endsWith("/v1/authorizations");
        assertThat(ancestors(call, trace)).contains(handler.getSpanId());
        String paymentId = only(trace, SpanKind.CONSUMER, "StreamingEventProcessor.process(PaymentAuthorizationRequested)",
                span -> span.getAttributes().get(AGGREGATE_ID) != null).getAttributes().get(AGGREGATE_ID);
        assertThat(SIMULATOR.traceparent(paymentId + ":authorize"))
                .hasValueSatisfying(header -> assertThat(header).startsWith("00-" + traceId + "-" + call.getSpanId()));

        // The confirmation on Kafka: published in a producer span, consumed and notified in a child consumer span.
        String confirmed = only(trace, SpanKind.PRODUCER, "EventBus.publishEvent(OrderConfirmed)")
                .getAttributes().get(MESSAGE_ID);
        SpanData publish = only(trace, SpanKind.PRODUCER, "publish orders.events.v1",
                span -> confirmed.equals(span.getAttributes().get(MESSAGING_ID)));
        SpanData consume = only(trace, SpanKind.CONSUMER, "process orders.events.v1",
                span -> confirmed.equals(span.getAttributes().get(MESSAGING_ID)));
        assertThat(consume.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(consume.getAttributes().get(NOTIFICATION_OUTCOME)).isEqualTo("NOTIFIED");
    }

    private static String describe(List<SpanData> spans) {
        return spans.stream().map(span -> span.getKind() + " " + span.getName()).sorted()
                .collect(Collectors.joining("\n"));
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind, String name) {
        return only(trace, kind, name, span -> true);
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind, String name, Predicate<SpanData> condition) {
        List<SpanData> matching = trace.stream()
                .filter(span -> span.getKind() == kind && span.getName().equals(name) && condition.test(span))
                .toList();
        assertThat(matching).as("%s %s", kind, name).isNotEmpty();
        return matching.get(0);
    }

    private static List<String> ancestors(SpanData span, List<SpanData> trace) {
        Map<String, SpanData> byId = trace.stream()
                .collect(Collectors.toMap(SpanData::getSpanId, each -> each, (first, second) -> first));
        List<String> ancestors = new ArrayList<>();
        SpanData current = span;
        while (current.getParentSpanContext().isValid() && byId.containsKey(current.getParentSpanId())) {
            ancestors.add(current.getParentSpanId());
            current = byId.get(current.getParentSpanId());
        }
        return ancestors;
    }

    /** Every span's parent is in the trace, and following parents from any span ends at the request's span. */
    private static void assertConnected(List<SpanData> trace, SpanData root, String names) {
        Map<String, SpanData> byId = trace.stream()
                .collect(Collectors.toMap(SpanData::getSpanId, span -> span, (first, second) -> first));
        for (SpanData span : trace) {
            SpanData current = span;
            Set<String> seen = new HashSet<>();
            while (current.getParentSpanContext().isValid()) {
                assertThat(seen.add(current.getSpanId())).isTrue();
                SpanData parent = byId.get(current.getParentSpanId());
                assertThat(parent).as("parent of %s %s in\n%s", span.getKind(), span.getName(), names).isNotNull();
                current = parent;
            }
            assertThat(current.getSpanId()).as("root of %s", span.getName()).isEqualTo(root.getSpanId());
        }
    }

    private List<Map<String, Object>> notificationsOf(UUID orderId) {
        return http.get().uri("/api/v1/notifications?orderId={id}", orderId).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }

}
