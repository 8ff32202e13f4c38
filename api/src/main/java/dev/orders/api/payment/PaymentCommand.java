package dev.orders.api.payment;

import dev.orders.api.Money;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands the Payment aggregate accepts. "Request" commands record an intent that the provider adapter
 * carries out over HTTP; "Record" commands record the provider's answer.
 */
public sealed interface PaymentCommand {

    UUID paymentId();

    record RequestAuthorization(@TargetAggregateIdentifier UUID paymentId, UUID orderId, Money amount,
                                String paymentToken) implements PaymentCommand {

        /** Leaves the payment token out: commands end up in log lines when they fail. */
        @Override
        public String toString() {
            return "RequestAuthorization[paymentId=" + paymentId + ", orderId=" + orderId + ", amount=" + amount
                    + "]";
        }
    }

    record RecordAuthorization(@TargetAggregateIdentifier UUID paymentId, String authorizationId)
            implements PaymentCommand {
    }

    record RecordDecline(@TargetAggregateIdentifier UUID paymentId, PaymentFailure failure, String detail)
            implements PaymentCommand {
    }

    record RequestCapture(@TargetAggregateIdentifier UUID paymentId) implements PaymentCommand {
    }

    record RecordCapture(@TargetAggregateIdentifier UUID paymentId) implements PaymentCommand {
    }

    record RequestVoid(@TargetAggregateIdentifier UUID paymentId) implements PaymentCommand {
    }

    record RecordVoid(@TargetAggregateIdentifier UUID paymentId) implements PaymentCommand {
    }

    record RequestRefund(@TargetAggregateIdentifier UUID paymentId) implements PaymentCommand {
    }

    record RecordRefund(@TargetAggregateIdentifier UUID paymentId) implements PaymentCommand {
    }
}
