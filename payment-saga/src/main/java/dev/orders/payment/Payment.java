package dev.orders.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.orders.api.Ids;
import dev.orders.api.Money;
import dev.orders.api.error.ConflictException;
import dev.orders.api.error.IllegalTransitionException;
import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.payment.PaymentCommand.RecordAuthorization;
import dev.orders.api.payment.PaymentCommand.RecordCapture;
import dev.orders.api.payment.PaymentCommand.RecordDecline;
import dev.orders.api.payment.PaymentCommand.RecordRefund;
import dev.orders.api.payment.PaymentCommand.RecordVoid;
import dev.orders.api.payment.PaymentCommand.RequestAuthorization;
import dev.orders.api.payment.PaymentCommand.RequestCapture;
import dev.orders.api.payment.PaymentCommand.RequestRefund;
import dev.orders.api.payment.PaymentCommand.RequestVoid;
import dev.orders.api.payment.PaymentEvent.PaymentAuthorizationRequested;
import dev.orders.api.payment.PaymentEvent.PaymentAuthorized;
import dev.orders.api.payment.PaymentEvent.PaymentCaptureRequested;
import dev.orders.api.payment.PaymentEvent.PaymentCaptured;
import dev.orders.api.payment.PaymentEvent.PaymentDeclined;
import dev.orders.api.payment.PaymentEvent.PaymentRefundRequested;
import dev.orders.api.payment.PaymentEvent.PaymentRefunded;
import dev.orders.api.payment.PaymentEvent.PaymentVoidRequested;
import dev.orders.api.payment.PaymentEvent.PaymentVoided;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order's one payment. Request commands record what we intend the provider to do; Record commands record
 * what the provider answered. Repeating a step that was already taken is a no-op, so the saga and the provider
 * adapter may retry freely, and a payment is never authorised or captured twice. A void requested while the
 * authorisation is still in flight is remembered and carried out as soon as the authorisation arrives.
 */
@ConditionalOnRole(InstanceRole.SAGA)
@Aggregate
class Payment {

    @AggregateIdentifier
    private UUID paymentId;
    private UUID orderId;
    private Money amount;
    private String authorizationId;
    private PaymentStatus status;

    Payment() {
        // Axon rebuilds the payment from its events, and creates it empty for RequestAuthorization.
    }

    /** "Create if missing" lets a repeated request reach the existing payment instead of the unique key. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PaymentStatus handle(RequestAuthorization command) {
        if (status != null) {
            if (!orderId.equals(command.orderId()) || !amount.equals(command.amount())) {
                throw new ConflictException("Payment " + paymentId + " was already requested with other terms");
            }
            return status;
        }
        if (!Ids.paymentId(command.orderId()).equals(command.paymentId())) {
            throw new InvalidRequestException("Payment id " + command.paymentId() + " does not belong to order "
                    + command.orderId());
        }
        apply(new PaymentAuthorizationRequested(command.paymentId(), command.orderId(), command.amount(),
                command.paymentToken()));
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RecordAuthorization command) {
        if (authorizationId != null) {
            return status;
        }
        if (!awaitingAuthorization()) {
            throw illegal("record an authorisation for");
        }
        boolean voidOnArrival = status == PaymentStatus.VOID_REQUESTED;
        apply(new PaymentAuthorized(paymentId, orderId, amount, command.authorizationId()));
        if (voidOnArrival) {
            apply(new PaymentVoidRequested(paymentId, orderId, command.authorizationId()));
        }
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RecordDecline command) {
        if (status == PaymentStatus.DECLINED) {
            return status;
        }
        if (!awaitingAuthorization()) {
            throw illegal("record a decline for");
        }
        apply(new PaymentDeclined(paymentId, orderId, command.failure(), command.detail()));
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RequestCapture command) {
        if (isCaptured() || status == PaymentStatus.CAPTURE_REQUESTED) {
            return status;
        }
        requireStatus("capture", PaymentStatus.AUTHORIZED);
        apply(new PaymentCaptureRequested(paymentId, orderId, authorizationId, amount));
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RecordCapture command) {
        if (isCaptured()) {
            return status;
        }
        requireStatus("record a capture for", PaymentStatus.CAPTURE_REQUESTED);
        apply(new PaymentCaptured(paymentId, orderId, amount));
        return status;
    }

    /**
     * Voiding a declined payment is a no-op, not an error: nothing is held, so compensation that does not
     * know the provider's answer yet may always ask. Captured money is refunded instead.
     */
    @CommandHandler
    PaymentStatus handle(RequestVoid command) {
        if (status == PaymentStatus.VOID_REQUESTED || status == PaymentStatus.VOIDED
                || status == PaymentStatus.DECLINED) {
            return status;
        }
        requireStatus("void", PaymentStatus.AUTHORIZATION_REQUESTED, PaymentStatus.AUTHORIZED);
        // While the authorisation is in flight there is no authorisation id yet: the adapter waits for it.
        apply(new PaymentVoidRequested(paymentId, orderId, authorizationId));
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RecordVoid command) {
        if (status == PaymentStatus.VOIDED) {
            return status;
        }
        if (status != PaymentStatus.VOID_REQUESTED || authorizationId == null) {
            throw illegal("record a void for");
        }
        apply(new PaymentVoided(paymentId, orderId));
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RequestRefund command) {
        if (status == PaymentStatus.REFUND_REQUESTED || status == PaymentStatus.REFUNDED) {
            return status;
        }
        requireStatus("refund", PaymentStatus.CAPTURED);
        apply(new PaymentRefundRequested(paymentId, orderId, authorizationId, amount));
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RecordRefund command) {
        if (status == PaymentStatus.REFUNDED) {
            return status;
        }
        requireStatus("record a refund for", PaymentStatus.REFUND_REQUESTED);
        apply(new PaymentRefunded(paymentId, orderId, amount));
        return status;
    }

    @EventSourcingHandler
    void on(PaymentAuthorizationRequested event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amount = event.amount();
        status = PaymentStatus.AUTHORIZATION_REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentAuthorized event) {
        authorizationId = event.authorizationId();
        if (status == PaymentStatus.AUTHORIZATION_REQUESTED) {
            status = PaymentStatus.AUTHORIZED;
        }
    }

    @EventSourcingHandler
    void on(PaymentDeclined event) {
        status = PaymentStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentCaptureRequested event) {
        status = PaymentStatus.CAPTURE_REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentCaptured event) {
        status = PaymentStatus.CAPTURED;
    }

    @EventSourcingHandler
    void on(PaymentVoidRequested event) {
        status = PaymentStatus.VOID_REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentVoided event) {
        status = PaymentStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(PaymentRefundRequested event) {
        status = PaymentStatus.REFUND_REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        status = PaymentStatus.REFUNDED;
    }

    /** The provider has not answered the authorisation yet (a void may already be waiting for it). */
    private boolean awaitingAuthorization() {
        return status == PaymentStatus.AUTHORIZATION_REQUESTED
                || (status == PaymentStatus.VOID_REQUESTED && authorizationId == null);
    }

    private boolean isCaptured() {
        return status == PaymentStatus.CAPTURED || status == PaymentStatus.REFUND_REQUESTED
                || status == PaymentStatus.REFUNDED;
    }

    private void requireStatus(String step, PaymentStatus... allowed) {
        for (PaymentStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw illegal(step);
    }

    private IllegalTransitionException illegal(String step) {
        return new IllegalTransitionException("Cannot " + step + " payment " + paymentId + ": it is " + status);
    }
}
