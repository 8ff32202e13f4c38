package dev.orders.api.payment;

import dev.orders.api.Money;
import java.util.UUID;

/** Events of the Payment aggregate; each names its order so the fulfilment saga can associate by it. */
public sealed interface PaymentEvent {

    UUID paymentId();

    UUID orderId();

    record PaymentAuthorizationRequested(UUID paymentId, UUID orderId, Money amount, String paymentToken)
            implements PaymentEvent {

        /** Leaves the payment token out: events end up in log lines when a handler fails. */
        @Override
        public String toString() {
            return "PaymentAuthorizationRequested[paymentId=" + paymentId + ", orderId=" + orderId
                    + ", amount=" + amount + "]";
        }
    }

    record PaymentAuthorized(UUID paymentId, UUID orderId, Money amount, String authorizationId)
            implements PaymentEvent {
    }

    record PaymentDeclined(UUID paymentId, UUID orderId, PaymentFailure failure, String detail)
            implements PaymentEvent {
    }

    record PaymentCaptureRequested(UUID paymentId, UUID orderId, String authorizationId, Money amount)
            implements PaymentEvent {
    }

    record PaymentCaptured(UUID paymentId, UUID orderId, Money amount) implements PaymentEvent {
    }

    record PaymentVoidRequested(UUID paymentId, UUID orderId, String authorizationId) implements PaymentEvent {
    }

    record PaymentVoided(UUID paymentId, UUID orderId) implements PaymentEvent {
    }

    record PaymentRefundRequested(UUID paymentId, UUID orderId, String authorizationId, Money amount)
            implements PaymentEvent {
    }

    record PaymentRefunded(UUID paymentId, UUID orderId, Money amount) implements PaymentEvent {
    }
}
