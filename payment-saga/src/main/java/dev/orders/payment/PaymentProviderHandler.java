package dev.orders.payment;

import dev.orders.api.error.IllegalTransitionException;
import dev.orders.api.payment.PaymentCommand.RecordAuthorization;
import dev.orders.api.payment.PaymentCommand.RecordCapture;
import dev.orders.api.payment.PaymentCommand.RecordDecline;
import dev.orders.api.payment.PaymentCommand.RecordRefund;
import dev.orders.api.payment.PaymentCommand.RecordVoid;
import dev.orders.api.payment.PaymentEvent.PaymentAuthorizationRequested;
import dev.orders.api.payment.PaymentEvent.PaymentCaptureRequested;
import dev.orders.api.payment.PaymentEvent.PaymentRefundRequested;
import dev.orders.api.payment.PaymentEvent.PaymentVoidRequested;
import dev.orders.api.payment.PaymentFailure;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out the payment's intents at the provider and records the answers. It runs on Axon processor
 * threads, where waiting for the HTTP answer is allowed. A capture, void or refund that still fails after the
 * resilience policy throws, so the processor retries the event later: those steps must eventually happen.
 * Never replayed: a replay would call the provider again.
 */
@ConditionalOnRole(InstanceRole.SAGA)
@Component
@ProcessingGroup(PaymentProviderHandler.PROCESSING_GROUP)
@DisallowReplay
class PaymentProviderHandler {

    static final String PROCESSING_GROUP = "payment-provider";
    private static final Logger log = LoggerFactory.getLogger(PaymentProviderHandler.class);

    private final PaymentProviderClient provider;
    private final CommandGateway commands;

    PaymentProviderHandler(PaymentProviderClient provider, CommandGateway commands) {
        this.provider = provider;
        this.commands = commands;
    }

    @EventHandler
    void on(PaymentAuthorizationRequested event) {
        AuthorizationOutcome outcome = provider.authorize(event.paymentId(), event.amount(), event.paymentToken())
                .block();
        if (outcome instanceof AuthorizationOutcome.Approved approved) {
            record(new RecordAuthorization(event.paymentId(), approved.authorizationId()));
        } else if (outcome instanceof AuthorizationOutcome.Declined declined) {
            record(new RecordDecline(event.paymentId(), PaymentFailure.DECLINED, declined.detail()));
        } else {
            releaseAmbiguousAuthorization(event);
            record(new RecordDecline(event.paymentId(), PaymentFailure.UNAVAILABLE,
                    ((AuthorizationOutcome.Unavailable) outcome).detail()));
        }
    }

    @EventHandler
    void on(PaymentCaptureRequested event) {
        provider.capture(event.paymentId(), event.amount()).block();
        record(new RecordCapture(event.paymentId()));
    }

    @EventHandler
    void on(PaymentVoidRequested event) {
        if (event.authorizationId() == null) {
            // Requested while the authorisation was in flight: the payment asks again once it arrives.
            return;
        }
        provider.voidAuthorization(event.paymentId()).block();
        record(new RecordVoid(event.paymentId()));
    }

    @EventHandler
    void on(PaymentRefundRequested event) {
        provider.refund(event.paymentId(), event.amount()).block();
        record(new RecordRefund(event.paymentId()));
    }

    /**
     * A timed-out request may still have been authorised at the provider, and once it is recorded as unavailable
     * nothing will ever capture or void it; so it is voided (same idempotency key as any later void) before that is
     * recorded. A void that fails too throws with nothing recorded, and the processor handles the event again later:
     * the provider then answers the authorisation (its first final answer), or it is voided then. Swallowing the
     * failure instead left the hold at the provider for good (the reliability suite's outage scenario found it).
     */
    private void releaseAmbiguousAuthorization(PaymentAuthorizationRequested event) {
        try {
            provider.voidAuthorization(event.paymentId()).block();
        } catch (RuntimeException e) {
            log.warn("Could not void the possibly authorised payment {} after the provider was unavailable; "
                    + "the event is handled again later: {}", event.paymentId(), e.getMessage());
            throw e;
        }
    }

    private void record(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (IllegalTransitionException e) {
            // The payment moved on (e.g. an answer recorded on an earlier delivery of this event).
            log.info("Provider answer not recorded: {}", e.getMessage());
        }
    }
}
