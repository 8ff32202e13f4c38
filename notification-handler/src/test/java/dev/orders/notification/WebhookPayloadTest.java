package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void carriesTheEventIdTypeOrderStatusTimeAndTheEventAsPublished() {
        UUID order = UUID.randomUUID();
        JsonNode data = JSON.readTree("{\"orderId\":\"" + order + "\",\"customerId\":\"alice\"}");
        OrderNotice notice = new OrderNotice("e-7", "dev.orders.order.OrderShipped", order, "alice",
                OrderStatus.SHIPPED, Instant.parse("2026-03-01T12:00:00.123Z"), new OrderShipped(order, "alice"),
                data, null);

        JsonNode body = JSON.readTree(WebhookPayload.body(notice));

        assertThat(body.propertyNames()).containsExactly("id", "type", "orderId", "customerId", "status",
                "occurredAt", "data");
        assertThat(body.get("id").asString()).isEqualTo("e-7");
        assertThat(body.get("type").asString()).isEqualTo("dev.orders.order.OrderShipped");
        assertThat(body.get("orderId").asString()).isEqualTo(order.toString());
        assertThat(body.get("customerId").asString()).isEqualTo("alice");
        assertThat(body.get("status").asString()).isEqualTo("SHIPPED");
        assertThat(body.get("occurredAt").asString()).isEqualTo("2026-03-01T12:00:00.123Z");
        assertThat(body.get("data")).isEqualTo(data);
    }
}
