package dev.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.orders.api.Ids;
import dev.orders.api.Money;
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
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import dev.orders.testkit.paymentsim.SimulatedFaults;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** The provider event handler turns provider answers into Record commands, over real HTTP. */
class PaymentProviderHandlerTest {

    private static final Money AMOUNT = PaymentProviderClientTest.AMOUNT;
    private static PaymentProviderSimulator simulator;

    private CommandGateway commands;
    private PaymentProviderHandler handler;
    private UUID orderId;
    private UUID paymentId;

    @BeforeAll
    static void startSimulator() {
        simulator = PaymentProviderSimulator.start(0);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void setUp() {
        commands = mock(CommandGateway.class);
        handler = handlerFor(simulator.baseUrl());
        orderId = UUID.randomUUID();
        paymentId = Ids.paymentId(orderId);
    }

    private PaymentProviderHandler handlerFor(String url) {
        PaymentProviderClient client = PaymentProviderClient.create(WebClient.builder(),
                PaymentProviderClientTest.fastPolicy(url, 3, 100));
        return new PaymentProviderHandler(client, commands);
    }

    private PaymentAuthorizationRequested requested(String token) {
        return new PaymentAuthorizationRequested(paymentId, orderId, AMOUNT, token);
    }

    @Test
    void approvedAuthorizationIsRecorded() {
        handler.on(requested("tok_approve"));
        verify(commands).sendAndWait(argThat(command -> command instanceof RecordAuthorization recorded
                && recorded.paymentId().equals(paymentId) && recorded.authorizationId().startsWith("auth_")));
    }

    @Test
    void declinedCardIsRecordedAsDeclined() {
        handler.on(requested("tok_decline"));
        verify(commands).sendAndWait(new RecordDecline(paymentId, PaymentFailure.DECLINED, "card_declined"));
    }

    @Test
    void slowProviderIsRecordedAsUnavailableAndTheAmbiguousAuthorizationVoided() {
        handler.on(requested("tok_slow"));
        verify(commands).sendAndWait(new RecordDecline(paymentId, PaymentFailure.UNAVAILABLE,
                "payment provider did not answer in time"));
        // The provider did authorise on arrival; nobody will capture it, so it must not stay held.
        awaitVoided(simulator);
    }

    @Test
    void anAmbiguousAuthorizationThatCannotBeVoidedYetIsVoidedOnceTheProviderRecovers() throws Exception {
        // Every answer arrives after the client's time limit; once the authorisation has landed, every call fails.
        try (PaymentProviderSimulator provider = PaymentProviderSimulator.builder()
                .faults(SimulatedFaults.of(0, 2_000)).start()) {
            Thread outage = new Thread(() -> {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (provider.state(paymentId) == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                provider.faults(SimulatedFaults.of(1, 0));
            });
            outage.start();
            PaymentProviderHandler handler = handlerFor(provider.baseUrl());

            handler.on(requested("tok_approve"));
            outage.join();
            // The order learns at once; the hold stays while the provider refuses everything, and the void goes on.
            verify(commands).sendAndWait(any(RecordDecline.class));
            assertThat(provider.state(paymentId)).isEqualTo(PaymentProviderSimulator.State.AUTHORIZED);

            provider.faults(SimulatedFaults.NONE);
            awaitVoided(provider);
            assertThat(provider.authorizations(paymentId)).isEqualTo(1);
        }
    }

    @Test
    void flakyProviderEndsAuthorizedOnce() {
        handler.on(requested("tok_flaky"));
        verify(commands).sendAndWait(any(RecordAuthorization.class));
        assertThat(simulator.authorizations(paymentId)).isEqualTo(1);
    }

    @Test
    void captureIsCarriedOutAndRecorded() {
        handler.on(requested("tok_approve"));
        handler.on(new PaymentCaptureRequested(paymentId, orderId, "auth", AMOUNT));
        verify(commands).sendAndWait(new RecordCapture(paymentId));
        assertThat(simulator.captures(paymentId)).isEqualTo(1);
    }

    @Test
    void redeliveredCaptureChargesOnce() {
        handler.on(requested("tok_approve"));
        PaymentCaptureRequested capture = new PaymentCaptureRequested(paymentId, orderId, "auth", AMOUNT);
        handler.on(capture);
        handler.on(capture);
        assertThat(simulator.captures(paymentId)).isEqualTo(1);
    }

    @Test
    void voidIsCarriedOutAndRecorded() {
        handler.on(requested("tok_approve"));
        handler.on(new PaymentVoidRequested(paymentId, orderId, "auth"));
        verify(commands).sendAndWait(new RecordVoid(paymentId));
        assertThat(simulator.state(paymentId)).isEqualTo(PaymentProviderSimulator.State.VOIDED);
    }

    @Test
    void voidRequestedBeforeTheAuthorizationWaitsForIt() {
        handler.on(new PaymentVoidRequested(paymentId, orderId, null));
        verify(commands, never()).sendAndWait(any());
        assertThat(simulator.attempts(PaymentProviderClient.key(paymentId, "void"))).isZero();
    }

    @Test
    void refundIsCarriedOutAndRecorded() {
        handler.on(requested("tok_approve"));
        handler.on(new PaymentCaptureRequested(paymentId, orderId, "auth", AMOUNT));
        handler.on(new PaymentRefundRequested(paymentId, orderId, "auth", AMOUNT));
        verify(commands).sendAndWait(new RecordRefund(paymentId));
        assertThat(simulator.state(paymentId)).isEqualTo(PaymentProviderSimulator.State.REFUNDED);
    }

    @Test
    void captureThatFailsAfterThePolicyThrowsSoTheProcessorRetries() {
        PaymentProviderSimulator stopped = PaymentProviderSimulator.start(0);
        String url = stopped.baseUrl();
        stopped.close();
        PaymentProviderHandler unreachable = handlerFor(url);
        assertThatThrownBy(() -> unreachable.on(new PaymentCaptureRequested(paymentId, orderId, "auth", AMOUNT)))
                .isNotNull();
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void approvalThePaymentNoLongerAcceptsIsVoided() {
        when(commands.sendAndWait(any())).thenThrow(new IllegalTransitionException("already declined"));
        handler.on(requested("tok_approve"));
        verify(commands).sendAndWait(any(RecordAuthorization.class));
        awaitVoided(simulator);
    }

    /** The void runs in the background, retried until the provider takes it. */
    private void awaitVoided(PaymentProviderSimulator provider) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> provider.state(paymentId), PaymentProviderSimulator.State.VOIDED::equals);
    }
}
