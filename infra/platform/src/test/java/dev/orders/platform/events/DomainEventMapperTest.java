package dev.orders.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
import dev.orders.api.inventory.InventoryEvent.StockReserved;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderLine;
import dev.orders.api.payment.PaymentEvent.PaymentAuthorizationRequested;
import dev.orders.api.payment.PaymentEvent.PaymentAuthorized;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DomainEventMapperTest {

    private static final Instant TIME = Instant.parse("2026-03-01T10:15:30.123Z");
    private final DomainEventMapper mapper = new DomainEventMapper();
    private final UUID orderId = UUID.randomUUID();

    @Test
    void typeNamesTheDomainAndTheEventButNotTheJavaNesting() {
        assertThat(DomainEventMapper.type(OrderConfirmed.class)).isEqualTo("dev.orders.order.OrderConfirmed");
        assertThat(DomainEventMapper.type(StockReserved.class)).isEqualTo("dev.orders.inventory.StockReserved");
        assertThat(DomainEventMapper.type(PaymentAuthorized.class)).isEqualTo("dev.orders.payment.PaymentAuthorized");
        assertThat(DomainEventMapper.type(String.class)).isEqualTo("java.lang.String");
    }

    @Test
    void carriesIdentityOrderAndTimeOfTheDomainEvent() {
        String eventId = UUID.randomUUID().toString();
        IntegrationEvent event = mapper.map(new GenericDomainEventMessage<>("Order", orderId.toString(), 2,
                new OrderConfirmed(orderId, "alice", UUID.randomUUID()), Map.of(), eventId, TIME));

        assertThat(event.id()).isEqualTo(eventId);
        assertThat(event.type()).isEqualTo("dev.orders.order.OrderConfirmed");
        assertThat(event.source()).isEqualTo("/orders/Order");
        assertThat(event.subject()).isEqualTo(orderId.toString());
        assertThat(event.key()).isEqualTo(orderId.toString());
        assertThat(event.time()).isEqualTo(TIME);
        assertThat(event.extensions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "orders_sequence", "2", "orders_aggregate_type", "Order"));
    }

    @Test
    void passesTheTraceContextOnWhenTheEventHasOne() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        IntegrationEvent event = mapper.map(new GenericDomainEventMessage<>("Order", orderId.toString(), 0,
                new OrderConfirmed(orderId, "alice", UUID.randomUUID()), Map.of("traceparent", traceparent)));

        assertThat(event.extensions()).containsEntry("traceparent", traceparent);
    }

    @Test
    void dataIsThePayloadAsJsonWithoutThePaymentToken() {
        OrderPlaced placed = new OrderPlaced(orderId, "alice",
                List.of(new OrderLine("MUG-1", 2, new Money(1299, "EUR"))), new Money(2598, "EUR"), "tok_secret");

        IntegrationEvent event = mapper.map(new GenericDomainEventMessage<>("Order", orderId.toString(), 0, placed));

        String json = new String(event.data(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("paymentToken").doesNotContain("tok_secret");
        JsonNode tree = JsonMapper.builder().build().readTree(event.data());
        assertThat(tree.get("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(tree.get("customerId").asString()).isEqualTo("alice");
        assertThat(tree.get("total").get("cents").asLong()).isEqualTo(2598);
        assertThat(tree.get("lines").get(0).get("sku").asString()).isEqualTo("MUG-1");
    }

    @Test
    void removesPaymentTokensWhereverTheyAreNested() {
        UUID paymentId = UUID.randomUUID();
        IntegrationEvent requested = mapper.map(new GenericDomainEventMessage<>("Payment", paymentId.toString(), 0,
                new PaymentAuthorizationRequested(paymentId, orderId, new Money(100, "EUR"), "tok_secret")));
        IntegrationEvent nested = mapper.map(new GenericDomainEventMessage<>("Order", orderId.toString(), 0,
                Map.of("outer", List.of(Map.of("paymentToken", "tok_secret", "keep", "me")))));

        assertThat(new String(requested.data(), StandardCharsets.UTF_8)).doesNotContain("tok_secret")
                .contains("\"amount\"");
        assertThat(new String(nested.data(), StandardCharsets.UTF_8)).doesNotContain("tok_secret")
                .contains("\"keep\":\"me\"");
    }
}
