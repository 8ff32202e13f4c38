package dev.orders.payment;

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
import dev.orders.api.payment.PaymentFailure;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID PAYMENT = Ids.paymentId(ORDER);
    private static final Money AMOUNT = new Money(3_000, "EUR");
    private static final String AUTH = "auth_1";

    private static final PaymentAuthorizationRequested REQUESTED =
            new PaymentAuthorizationRequested(PAYMENT, ORDER, AMOUNT, "tok_approve");
    private static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(PAYMENT, ORDER, AMOUNT, AUTH);
    private static final PaymentDeclined DECLINED =
            new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.DECLINED, "card_declined");
    private static final PaymentCaptureRequested CAPTURE_REQUESTED =
            new PaymentCaptureRequested(PAYMENT, ORDER, AUTH, AMOUNT);
    private static final PaymentCaptured CAPTURED = new PaymentCaptured(PAYMENT, ORDER, AMOUNT);
    private static final PaymentVoidRequested VOID_REQUESTED = new PaymentVoidRequested(PAYMENT, ORDER, AUTH);
    private static final PaymentVoided VOIDED = new PaymentVoided(PAYMENT, ORDER);
    private static final PaymentRefundRequested REFUND_REQUESTED =
            new PaymentRefundRequested(PAYMENT, ORDER, AUTH, AMOUNT);
    private static final PaymentRefunded REFUNDED = new PaymentRefunded(PAYMENT, ORDER, AMOUNT);

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    @Test
    void requestsAuthorizationForTheOrder() {
        fixture.givenNoPriorActivity()
                .when(new RequestAuthorization(PAYMENT, ORDER, AMOUNT, "tok_approve"))
                .expectEvents(REQUESTED)
                .expectResultMessagePayload(PaymentStatus.AUTHORIZATION_REQUESTED);
    }

    @Test
    void repeatedAuthorizationRequestIsANoOp() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RequestAuthorization(PAYMENT, ORDER, AMOUNT, "tok_approve"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.AUTHORIZED);
    }

    @Test
    void refusesAuthorizationRequestWithOtherTerms() {
        fixture.given(REQUESTED)
                .when(new RequestAuthorization(PAYMENT, ORDER, new Money(1, "EUR"), "tok_approve"))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void refusesPaymentIdThatIsNotDerivedFromTheOrder() {
        UUID other = UUID.fromString("00000000-0000-0000-0000-0000000000ff");
        fixture.givenNoPriorActivity()
                .when(new RequestAuthorization(other, ORDER, AMOUNT, "tok_approve"))
                .expectNoEvents()
                .expectException(InvalidRequestException.class);
    }

    @Test
    void recordsTheProvidersAuthorization() {
        fixture.given(REQUESTED)
                .when(new RecordAuthorization(PAYMENT, AUTH))
                .expectEvents(AUTHORIZED)
                .expectResultMessagePayload(PaymentStatus.AUTHORIZED);
    }

    @Test
    void neverAuthorizesTwice() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RecordAuthorization(PAYMENT, "auth_2"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.AUTHORIZED);
    }

    @Test
    void recordsADecline() {
        fixture.given(REQUESTED)
                .when(new RecordDecline(PAYMENT, PaymentFailure.DECLINED, "card_declined"))
                .expectEvents(DECLINED)
                .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void recordsAnUnavailableProviderAsDecline() {
        fixture.given(REQUESTED)
                .when(new RecordDecline(PAYMENT, PaymentFailure.UNAVAILABLE, "timed out"))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.UNAVAILABLE, "timed out"));
    }

    @Test
    void repeatedDeclineIsANoOp() {
        fixture.given(REQUESTED, DECLINED)
                .when(new RecordDecline(PAYMENT, PaymentFailure.DECLINED, "card_declined"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void refusesDeclineAfterAuthorization() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RecordDecline(PAYMENT, PaymentFailure.UNAVAILABLE, "late"))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void refusesAuthorizationAfterDecline() {
        fixture.given(REQUESTED, DECLINED)
                .when(new RecordAuthorization(PAYMENT, AUTH))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void requestsCaptureOfTheAuthorizedAmount() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RequestCapture(PAYMENT))
                .expectEvents(CAPTURE_REQUESTED)
                .expectResultMessagePayload(PaymentStatus.CAPTURE_REQUESTED);
    }

    @Test
    void recordsTheCapture() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED)
                .when(new RecordCapture(PAYMENT))
                .expectEvents(CAPTURED)
                .expectResultMessagePayload(PaymentStatus.CAPTURED);
    }

    @Test
    void neverCapturesTwice() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED)
                .when(new RequestCapture(PAYMENT))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.CAPTURED);
    }

    @Test
    void repeatedCaptureRequestWhileInFlightIsANoOp() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED)
                .when(new RequestCapture(PAYMENT))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.CAPTURE_REQUESTED);
    }

    @Test
    void repeatedCaptureRecordIsANoOp() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED)
                .when(new RecordCapture(PAYMENT))
                .expectNoEvents();
    }

    @Test
    void refusesCaptureOfADeclinedPayment() {
        fixture.given(REQUESTED, DECLINED)
                .when(new RequestCapture(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void refusesCaptureWhileAuthorizationIsInFlight() {
        fixture.given(REQUESTED)
                .when(new RequestCapture(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void refusesCaptureRecordWithoutCaptureRequest() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RecordCapture(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void refusesCaptureOfAVoidedPayment() {
        fixture.given(REQUESTED, AUTHORIZED, VOID_REQUESTED, VOIDED)
                .when(new RequestCapture(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void requestsVoidOfAnAuthorization() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RequestVoid(PAYMENT))
                .expectEvents(VOID_REQUESTED)
                .expectResultMessagePayload(PaymentStatus.VOID_REQUESTED);
    }

    @Test
    void recordsTheVoid() {
        fixture.given(REQUESTED, AUTHORIZED, VOID_REQUESTED)
                .when(new RecordVoid(PAYMENT))
                .expectEvents(VOIDED)
                .expectResultMessagePayload(PaymentStatus.VOIDED);
    }

    @Test
    void repeatedVoidIsANoOp() {
        fixture.given(REQUESTED, AUTHORIZED, VOID_REQUESTED, VOIDED)
                .when(new RequestVoid(PAYMENT))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.VOIDED);
    }

    @Test
    void repeatedVoidRecordIsANoOp() {
        fixture.given(REQUESTED, AUTHORIZED, VOID_REQUESTED, VOIDED)
                .when(new RecordVoid(PAYMENT))
                .expectNoEvents();
    }

    @Test
    void voidOfADeclinedPaymentIsANoOp() {
        fixture.given(REQUESTED, DECLINED)
                .when(new RequestVoid(PAYMENT))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void refusesVoidOfACapturedPayment() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED)
                .when(new RequestVoid(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void refusesVoidRecordWithoutVoidRequest() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RecordVoid(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void voidRequestedWhileAuthorizationIsInFlightWaitsForTheAuthorization() {
        fixture.given(REQUESTED)
                .when(new RequestVoid(PAYMENT))
                .expectEvents(new PaymentVoidRequested(PAYMENT, ORDER, null))
                .expectResultMessagePayload(PaymentStatus.VOID_REQUESTED);
    }

    @Test
    void voidWaitingForAuthorizationCannotBeRecordedBeforeTheAuthorization() {
        fixture.given(REQUESTED, new PaymentVoidRequested(PAYMENT, ORDER, null))
                .when(new RecordVoid(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void authorizationArrivingAfterAVoidRequestIsVoided() {
        fixture.given(REQUESTED, new PaymentVoidRequested(PAYMENT, ORDER, null))
                .when(new RecordAuthorization(PAYMENT, AUTH))
                .expectEvents(AUTHORIZED, VOID_REQUESTED)
                .expectResultMessagePayload(PaymentStatus.VOID_REQUESTED);
    }

    @Test
    void pendingVoidEndsVoidedOnceTheAuthorizationArrived() {
        fixture.given(REQUESTED, new PaymentVoidRequested(PAYMENT, ORDER, null), AUTHORIZED, VOID_REQUESTED)
                .when(new RecordVoid(PAYMENT))
                .expectEvents(VOIDED)
                .expectResultMessagePayload(PaymentStatus.VOIDED);
    }

    @Test
    void declineArrivingAfterAVoidRequestLeavesNothingToVoid() {
        fixture.given(REQUESTED, new PaymentVoidRequested(PAYMENT, ORDER, null))
                .when(new RecordDecline(PAYMENT, PaymentFailure.UNAVAILABLE, "timed out"))
                .expectEvents(new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.UNAVAILABLE, "timed out"))
                .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void requestsRefundOfACapturedPayment() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED)
                .when(new RequestRefund(PAYMENT))
                .expectEvents(REFUND_REQUESTED)
                .expectResultMessagePayload(PaymentStatus.REFUND_REQUESTED);
    }

    @Test
    void recordsTheRefund() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED, REFUND_REQUESTED)
                .when(new RecordRefund(PAYMENT))
                .expectEvents(REFUNDED)
                .expectResultMessagePayload(PaymentStatus.REFUNDED);
    }

    @Test
    void repeatedRefundIsANoOp() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED, REFUND_REQUESTED, REFUNDED)
                .when(new RequestRefund(PAYMENT))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.REFUNDED);
    }

    @Test
    void repeatedRefundRecordIsANoOp() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED, REFUND_REQUESTED, REFUNDED)
                .when(new RecordRefund(PAYMENT))
                .expectNoEvents();
    }

    @Test
    void refusesRefundOfAnUncapturedPayment() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new RequestRefund(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void refusesRefundRecordWithoutRefundRequest() {
        fixture.given(REQUESTED, AUTHORIZED, CAPTURE_REQUESTED, CAPTURED)
                .when(new RecordRefund(PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }
}
