package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON logs (ORDERS_LOG_FORMAT=json: Elastic Common Schema) correlate: a line written while an order's command
 * is handled carries the order id, the request's id and the trace and span ids of that request's trace; the access
 * log line carries the request's id and trace.
 */
class JsonLogsIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HANDLING_LOGGER = "dev.orders.platform.observability.OrderLogContext";

    @Test
    void aJsonLineOfAnOrdersCommandCarriesItsOrderRequestAndTrace() {
        String sku = OrdersClient.unique("JSONLOG");
        orders.createProduct(sku, 300, 5);
        String customer = OrdersClient.unique("logged");
        String requestId = OrdersClient.unique("json-request");

        List<String> lines = capture(requestId, () -> {
            Map<?, ?> placed = http.post().uri("/api/v1/orders")
                    .header("Idempotency-Key", "json-1")
                    .header("X-Request-ID", requestId)
                    .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                    .bodyValue(OrdersClient.placeRequest(customer, Map.of(sku, 1), "tok_approve"))
                    .exchange()
                    .expectStatus().isAccepted()
                    .expectBody(Map.class).returnResult().getResponseBody();
            return (String) placed.get("orderId");
        });
        String orderId = lines.get(0);
        List<JsonNode> json = lines.subList(1, lines.size()).stream().map(JSON::readTree).toList();

        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> TestSpans.finished().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER
                        && requestId.equals(span.getAttributes().get(AttributeKey.stringKey("orders.request_id"))))
                .findFirst().orElse(null), span -> span != null);

        JsonNode placing = json.stream()
                .filter(line -> orderId.equals(text(line, "order_id"))
                        && text(line, "message").contains("PlaceOrder"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON line for PlaceOrder of " + orderId
                        + " among\n" + String.join("\n", lines)));
        assertThat(text(placing, "request_id")).isEqualTo(requestId);
        assertThat(text(placing, "trace_id")).isEqualTo(request.getTraceId());
        assertThat(text(placing, "span_id")).matches("[0-9a-f]{16}").isNotEqualTo(request.getSpanId());
        assertThat(text(placing.path("log"), "logger")).isEqualTo(HANDLING_LOGGER);

        JsonNode access = json.stream()
                .filter(line -> "dev.orders.access".equals(text(line.path("log"), "logger"))
                        && requestId.equals(text(line, "request_id")))
                .findFirst().orElseThrow(() -> new AssertionError("no access line among\n" + String.join("\n", lines)));
        assertThat(text(access, "message")).startsWith("POST /api/v1/orders 202");
        assertThat(text(access, "trace_id")).isEqualTo(request.getTraceId());
        assertThat(text(access, "span_id")).isEqualTo(request.getSpanId());
    }

    /**
     * Runs {@code action} with every log event kept, until the access line of request {@code requestId} is among
     * them too (it is written when the exchange completes, which may be just after the client has its answer);
     * returns the action's result, then the events as JSON lines.
     */
    private static List<String> capture(String requestId, java.util.function.Supplier<String> action) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger handling = context.getLogger(HANDLING_LOGGER);
        Level level = handling.getLevel();
        Kept kept = new Kept();
        kept.setContext(context);
        kept.start();
        root.addAppender(kept);
        handling.setLevel(Level.DEBUG);
        String result;
        try {
            result = action.get();
            awaitAccessLine(kept, requestId);
        } finally {
            handling.setLevel(level);
            root.detachAppender(kept);
            kept.stop();
        }
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        List<String> lines = new java.util.ArrayList<>();
        lines.add(result);
        kept.events.forEach(event -> lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8).trim()));
        encoder.stop();
        return lines;
    }

    private static void awaitAccessLine(Kept kept, String requestId) {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> kept.events.stream()
                    .anyMatch(event -> "dev.orders.access".equals(event.getLoggerName())
                            && event.getFormattedMessage().endsWith("request_id=" + requestId)));
        } catch (ConditionTimeoutException e) {
            // The test's assertion reports the missing line together with every line that was kept.
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    /** Keeps each event with its logging context as it was on the thread that logged it. */
    private static final class Kept extends AppenderBase<ILoggingEvent> {

        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }
}
