package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private static final UUID ORDER = UUID.fromString("eb148d53-0d54-34eb-9427-1adb02e20441");
    private static final long RECORD_TIME = Instant.parse("2026-02-02T00:00:00Z").toEpochMilli();

    private final EventParser parser = new EventParser();

    private static Headers headers(String id, String type, String time) {
        RecordHeaders headers = new RecordHeaders();
        if (id != null) {
            headers.add("ce_id", utf8(id));
        }
        if (type != null) {
            headers.add("ce_type", utf8(type));
        }
        if (time != null) {
            headers.add("ce_time", utf8(time));
        }
        headers.add("ce_source", utf8("/orders/Order"));
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("content-type", utf8("application/json"));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAConfirmation() {
        UUID payment = UUID.randomUUID();
        Headers headers = headers("e-1", "dev.orders.order.OrderConfirmed", "2026-01-01T10:00:00.5Z");
        headers.add("traceparent", utf8("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        OrderNotice notice = parser.parse(headers, utf8("{\"orderId\":\"" + ORDER + "\",\"customerId\":\"alice\","
                + "\"paymentId\":\"" + payment + "\"}"), RECORD_TIME).orElseThrow();

        assertThat(notice.eventId()).isEqualTo("e-1");
        assertThat(notice.eventType()).isEqualTo("dev.orders.order.OrderConfirmed");
        assertThat(notice.orderId()).isEqualTo(ORDER);
        assertThat(notice.customerId()).isEqualTo("alice");
        assertThat(notice.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(notice.occurredAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00.5Z"));
        assertThat(notice.event()).isEqualTo(new OrderConfirmed(ORDER, "alice", payment));
        assertThat(notice.data().get("paymentId").asString()).isEqualTo(payment.toString());
        assertThat(notice.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void readsRejectionAndCancellationWithTheirEnumsAndToleratesNewFields() {
        OrderNotice rejected = parser.parse(headers("e-2", "dev.orders.order.OrderRejected", null),
                utf8("{\"orderId\":\"" + ORDER + "\",\"customerId\":\"bob\",\"reason\":\"TIMED_OUT\","
                        + "\"detail\":\"no answer\",\"addedLater\":42}"), RECORD_TIME).orElseThrow();
        OrderNotice cancelled = parser.parse(headers("e-3", "dev.orders.order.OrderCancelled",
                        "2026-01-01T11:00:00+01:00"),
                utf8("{\"orderId\":\"" + ORDER + "\",\"customerId\":\"bob\",\"reason\":\"oops\","
                        + "\"cancelledFrom\":\"CONFIRMED\"}"), RECORD_TIME).orElseThrow();

        assertThat(rejected.event()).isEqualTo(new OrderRejected(ORDER, "bob", RejectionReason.TIMED_OUT,
                "no answer"));
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.occurredAt()).as("no ce_time: the record's timestamp")
                .isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
        assertThat(cancelled.event()).isEqualTo(new OrderCancelled(ORDER, "bob", "oops", OrderStatus.CONFIRMED));
        assertThat(cancelled.occurredAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void ignoresOtherTypesWithoutLookingAtTheValue() {
        Optional<OrderNotice> placed = parser.parse(headers("e-4", "dev.orders.order.OrderPlaced", null),
                utf8("not json at all"), RECORD_TIME);
        Optional<OrderNotice> stock = parser.parse(headers(null, "dev.orders.inventory.StockReserved", null), null,
                RECORD_TIME);

        assertThat(placed).isEmpty();
        assertThat(stock).isEmpty();
    }

    @Test
    void refusesRecordsThatBreakTheContract() {
        String type = "dev.orders.order.OrderShipped";
        byte[] valid = utf8("{\"orderId\":\"" + ORDER + "\",\"customerId\":\"alice\"}");

        assertThatThrownBy(() -> parser.parse(headers("e-5", null, null), valid, RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("ce_type");
        assertThatThrownBy(() -> parser.parse(headers(null, type, null), valid, RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("ce_id");
        assertThatThrownBy(() -> parser.parse(headers("e-5", type, "yesterday"), valid, RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("ce_time");
        assertThatThrownBy(() -> parser.parse(headers("e-5", type, null), utf8("{\"orderId\":"), RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("not a valid " + type);
        assertThatThrownBy(() -> parser.parse(headers("e-5", type, null), utf8("[1,2]"), RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parser.parse(headers("e-5", type, null),
                utf8("{\"orderId\":\"not-a-uuid\",\"customerId\":\"alice\"}"), RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class);
        assertThatThrownBy(() -> parser.parse(headers("e-5", type, null), utf8("{\"customerId\":\"alice\"}"),
                RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("orderId");
        assertThatThrownBy(() -> parser.parse(headers("e-5", type, null), utf8("{\"orderId\":\"" + ORDER + "\"}"),
                RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("customerId");
        assertThatThrownBy(() -> parser.parse(headers("e-5", type, null), null, RECORD_TIME))
                .isInstanceOf(UnprocessableRecordException.class).hasMessageContaining("no value");
    }
}
