package dev.orders.notification;

import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderDelivered;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.RejectionReason;

/** The e-mail a customer gets for each kind of order event: plain text, in words a customer understands. */
final class MessageRenderer {

    private MessageRenderer() {
    }

    /** A rendered e-mail. */
    record EmailMessage(String subject, String body) {
    }

    static EmailMessage render(OrderNotice notice) {
        String order = notice.orderId().toString();
        OrderEvent event = notice.event();
        String subject;
        StringBuilder text = new StringBuilder();
        if (event instanceof OrderConfirmed) {
            subject = "Your order " + order + " is confirmed";
            text.append("Good news: your payment is authorised and we are preparing your order for shipping.\n");
        } else if (event instanceof OrderRejected rejected) {
            subject = "Your order " + order + " could not be accepted";
            text.append("We are sorry: we could not accept your order.\n\n");
            text.append("Reason: ").append(describe(rejected.reason())).append('\n');
            if (rejected.detail() != null && !rejected.detail().isBlank()) {
                text.append("Detail: ").append(rejected.detail().strip()).append('\n');
            }
            text.append("\nAny payment authorisation has been released; you have not been charged.\n");
        } else if (event instanceof OrderCancelled cancelled) {
            subject = "Your order " + order + " has been cancelled";
            text.append("Your order has been cancelled.\n");
            if (cancelled.reason() != null && !cancelled.reason().isBlank()) {
                text.append("\nReason: ").append(cancelled.reason().strip()).append('\n');
            }
            text.append("\nAny payment for it is released or refunded.\n");
        } else if (event instanceof OrderShipped) {
            subject = "Your order " + order + " has shipped";
            text.append("Your order is on its way.\n");
        } else if (event instanceof OrderDelivered) {
            subject = "Your order " + order + " has been delivered";
            text.append("Your order has been delivered. Thank you for shopping with us.\n");
        } else {
            throw new IllegalArgumentException("no message for " + event.getClass().getSimpleName());
        }
        String body = "Hello,\n\n" + text
                + "\nOrder:  " + order
                + "\nStatus: " + notice.status()
                + "\n\nYou receive this message because notifications are set up for customer "
                + notice.customerId() + ".\n";
        return new EmailMessage(subject, body);
    }

    static String describe(RejectionReason reason) {
        if (reason == null) {
            return "unknown";
        }
        switch (reason) {
            case OUT_OF_STOCK:
                return "some items are out of stock (OUT_OF_STOCK)";
            case PAYMENT_DECLINED:
                return "the payment was declined (PAYMENT_DECLINED)";
            case PAYMENT_UNAVAILABLE:
                return "the payment service was not available (PAYMENT_UNAVAILABLE)";
            case TIMED_OUT:
                return "the order could not be completed in time (TIMED_OUT)";
            default:
                return reason.name();
        }
    }
}
