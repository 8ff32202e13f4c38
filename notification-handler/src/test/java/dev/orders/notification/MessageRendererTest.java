package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderDelivered;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import dev.orders.notification.MessageRenderer.EmailMessage;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

    private static final UUID ORDER = UUID.fromString("eb148d53-0d54-34eb-9427-1adb02e20441");

    private static OrderNotice notice(OrderEvent event, OrderStatus status) {
        return new OrderNotice("e-1", "dev.orders.order." + event.getClass().getSimpleName(), ORDER, "alice", status,
                Instant.parse("2026-01-01T10:00:00Z"), event, null, null);
    }

    @Test
    void confirmationNamesOrderAndStatus() {
        EmailMessage message = MessageRenderer.render(
                notice(new OrderConfirmed(ORDER, "alice", UUID.randomUUID()), OrderStatus.CONFIRMED));

        assertThat(message.subject()).isEqualTo("Your order " + ORDER + " is confirmed");
        assertThat(message.body()).contains("Order:  " + ORDER, "Status: CONFIRMED", "payment is authorised",
                "customer alice");
    }

    @Test
    void rejectionExplainsTheReasonAndDetail() {
        EmailMessage message = MessageRenderer.render(notice(new OrderRejected(ORDER, "alice",
                RejectionReason.PAYMENT_DECLINED, "card expired"), OrderStatus.REJECTED));

        assertThat(message.subject()).isEqualTo("Your order " + ORDER + " could not be accepted");
        assertThat(message.body()).contains("Reason: the payment was declined (PAYMENT_DECLINED)",
                "Detail: card expired", "Status: REJECTED", "not been charged");
    }

    @Test
    void rejectionWithoutDetailLeavesTheDetailLineOut() {
        EmailMessage message = MessageRenderer.render(notice(new OrderRejected(ORDER, "alice",
                RejectionReason.OUT_OF_STOCK, null), OrderStatus.REJECTED));

        assertThat(message.body()).contains("Reason: some items are out of stock (OUT_OF_STOCK)")
                .doesNotContain("Detail:");
    }

    @Test
    void cancellationCarriesTheCustomersReason() {
        EmailMessage message = MessageRenderer.render(notice(new OrderCancelled(ORDER, "alice", "changed my mind",
                OrderStatus.CONFIRMED), OrderStatus.CANCELLED));

        assertThat(message.subject()).isEqualTo("Your order " + ORDER + " has been cancelled");
        assertThat(message.body()).contains("Reason: changed my mind", "Status: CANCELLED");
    }

    @Test
    void shippingAndDeliveryHaveTheirOwnWords() {
        assertThat(MessageRenderer.render(notice(new OrderShipped(ORDER, "alice"), OrderStatus.SHIPPED)).subject())
                .isEqualTo("Your order " + ORDER + " has shipped");
        EmailMessage delivered = MessageRenderer.render(
                notice(new OrderDelivered(ORDER, "alice"), OrderStatus.DELIVERED));
        assertThat(delivered.subject()).isEqualTo("Your order " + ORDER + " has been delivered");
        assertThat(delivered.body()).contains("Status: DELIVERED");
    }

    @Test
    void everyRejectionReasonHasWords() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(MessageRenderer.describe(reason)).contains(reason.name()).isNotEqualTo(reason.name());
        }
    }
}
