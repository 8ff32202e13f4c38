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
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.util.retry.Retry;

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

    private static final Duration VOID_RETRY_FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration VOID_RETRY_MAX_BACKOFF = Duration.ofSeconds(30);

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
            if (!record(new RecordAuthorization(event.paymentId(), approved.authorizationId()))) {
                // An earlier delivery recorded the provider as unavailable, but it did authorise: release the hold.
                releaseAmbiguousAuthorization(event);
            }
        } else if (outcome instanceof AuthorizationOutcome.Declined declined) {
            record(new RecordDecline(event.paymentId(), PaymentFailure.DECLINED, declined.detail()));
        } else {
            record(new RecordDecline(event.paymentId(), PaymentFailure.UNAVAILABLE,
                    ((AuthorizationOutcome.Unavailable) outcome).detail()));
            releaseAmbiguousAuthorization(event);
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
     * A timed-out request may still have been authorised at the provider, and a payment recorded as unavailable is
     * never captured or voided by the saga; so it is voided (same idempotency key as any later void), after the
     * decline is recorded so that the order is rejected at once. The void keeps being retried in the background, with
     * back-off, until the provider takes it: failing the event instead would stall the processor's segment, and every
     * other payment in it, for as long as the provider is down. Swallowing the failure, as before, left the hold at the
     * provider for good (found by the reliability suite). A crash while the void is still pending leaves the hold to
     * the provider's own expiry; an approval answered on a later delivery is voided again (see above).
     */
    private void releaseAmbiguousAuthorization(PaymentAuthorizationRequested event) {
        provider.voidAuthorization(event.paymentId())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, VOID_RETRY_FIRST_BACKOFF).maxBackoff(VOID_RETRY_MAX_BACKOFF)
                        .filter(failure -> !(failure instanceof ProviderRefusedException))
                        .doBeforeRetry(retry -> log.warn("Could not void the possibly authorised payment {} yet; "
                                + "trying again: {}", event.paymentId(), retry.failure().getMessage())))
                .doOnSuccess(done -> log.info("Voided the possibly authorised payment {}", event.paymentId()))
                .subscribe(done -> { }, failure -> log.error("The provider refused to void payment {}",
                        event.paymentId(), failure));
    }

    /** Records an answer; false when the payment has moved on and refuses it (e.g. recorded on an earlier delivery). */
    private boolean record(Object command) {
        try {
            commands.sendAndWait(command);
            return true;
        } catch (IllegalTransitionException e) {
            log.info("Provider answer not recorded: {}", e.getMessage());
            return false;
        }
    }
}
