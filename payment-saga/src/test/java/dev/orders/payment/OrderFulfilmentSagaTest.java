package dev.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Ids;
import dev.orders.api.Money;
import dev.orders.api.error.IllegalTransitionException;
import dev.orders.api.inventory.InventoryCommand.CommitStock;
import dev.orders.api.inventory.InventoryCommand.ReleaseStock;
import dev.orders.api.inventory.InventoryCommand.ReserveStock;
import dev.orders.api.inventory.InventoryEvent.StockCommitted;
import dev.orders.api.inventory.InventoryEvent.StockReleased;
import dev.orders.api.inventory.InventoryEvent.StockReservationRejected;
import dev.orders.api.inventory.InventoryEvent.StockReserved;
import dev.orders.api.order.OrderCommand.ConfirmOrder;
import dev.orders.api.order.OrderCommand.MarkOrderStockReserved;
import dev.orders.api.order.OrderCommand.RejectOrder;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderLine;
import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import dev.orders.api.payment.PaymentCommand.RequestAuthorization;
import dev.orders.api.payment.PaymentCommand.RequestCapture;
import dev.orders.api.payment.PaymentCommand.RequestRefund;
import dev.orders.api.payment.PaymentCommand.RequestVoid;
import dev.orders.api.payment.PaymentEvent.PaymentAuthorized;
import dev.orders.api.payment.PaymentEvent.PaymentCaptured;
import dev.orders.api.payment.PaymentEvent.PaymentDeclined;
import dev.orders.api.payment.PaymentEvent.PaymentRefunded;
import dev.orders.api.payment.PaymentEvent.PaymentVoided;
import dev.orders.api.payment.PaymentFailure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.lock.DeadlockException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderFulfilmentSagaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID PAYMENT = Ids.paymentId(ORDER);
    private static final String CUSTOMER = "alice";
    private static final Money TOTAL = new Money(3_000, "EUR");
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, CUSTOMER, List.of(
            new OrderLine("SKU-1", 2, new Money(1_250, "EUR")),
            new OrderLine("SKU-2", 1, new Money(500, "EUR"))), TOTAL, "tok_approve");

    private static final StockReserved RESERVED_1 = new StockReserved("SKU-1", ORDER, 2, 10, 2);
    private static final StockReserved RESERVED_2 = new StockReserved("SKU-2", ORDER, 1, 5, 1);
    private static final StockReleased RELEASED_1 = new StockReleased("SKU-1", ORDER, 2, 10, 0);
    private static final StockReleased RELEASED_2 = new StockReleased("SKU-2", ORDER, 1, 5, 0);
    private static final StockCommitted COMMITTED_1 = new StockCommitted("SKU-1", ORDER, 2, 8, 0);
    private static final StockCommitted COMMITTED_2 = new StockCommitted("SKU-2", ORDER, 1, 4, 0);
    private static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(PAYMENT, ORDER, TOTAL, "auth_1");
    private static final PaymentVoided VOIDED = new PaymentVoided(PAYMENT, ORDER);
    private static final PaymentCaptured CAPTURED = new PaymentCaptured(PAYMENT, ORDER, TOTAL);
    private static final OrderShipped SHIPPED = new OrderShipped(ORDER, CUSTOMER);

    private static final ReleaseStock RELEASE_1 = new ReleaseStock("SKU-1", ORDER);
    private static final ReleaseStock RELEASE_2 = new ReleaseStock("SKU-2", ORDER);

    private SagaTestFixture<OrderFulfilmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderFulfilmentSaga.class);
        fixture.registerResource(new FulfilmentSettings(TIMEOUT));
    }

    private ContinuedGivenState given(Object... events) {
        ContinuedGivenState state = fixture.givenAPublished(events[0]);
        for (int i = 1; i < events.length; i++) {
            state = state.andThenAPublished(events[i]);
        }
        return state;
    }

    private static OrderRejected rejected(RejectionReason reason, String detail) {
        return new OrderRejected(ORDER, CUSTOMER, reason, detail);
    }

    private static OrderCancelled cancelled(OrderStatus from) {
        return new OrderCancelled(ORDER, CUSTOMER, "changed my mind", from);
    }

    @Test
    void placedOrderReservesEveryLineAndSchedulesTheTimeout() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", ORDER)
                .expectDispatchedCommands(new ReserveStock("SKU-1", ORDER, 2), new ReserveStock("SKU-2", ORDER, 1))
                .expectScheduledDeadlineWithName(TIMEOUT, OrderFulfilmentSaga.TIMEOUT)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void waitsUntilEveryLineIsReserved() {
        given(PLACED)
                .whenPublishingA(RESERVED_1)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void requestsAuthorizationOnceAllLinesAreReserved() {
        given(PLACED, RESERVED_1)
                .whenPublishingA(RESERVED_2)
                .expectDispatchedCommands(new MarkOrderStockReserved(ORDER),
                        new RequestAuthorization(PAYMENT, ORDER, TOTAL, "tok_approve"));
    }

    @Test
    void repeatedReservationEventRequestsNothingTwice() {
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenPublishingA(RESERVED_2)
                .expectNoDispatchedCommands();
    }

    @Test
    void authorizedPaymentConfirmsTheOrderAndCancelsTheTimeout() {
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenPublishingA(AUTHORIZED)
                .expectDispatchedCommands(new ConfirmOrder(ORDER, PAYMENT))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void aStepTheOrderRefusesIsLoggedAndTheSagaGoesOn() {
        failConfirmOrderWith(new IllegalTransitionException("Cannot confirm order " + ORDER + ": it is CANCELLED"));
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenPublishingA(AUTHORIZED)
                .expectDispatchedCommands(new ConfirmOrder(ORDER, PAYMENT))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1);
    }

    @Test
    void aCommandThatCouldNotBeHandledFailsTheEventSoThatItIsHandledAgain() {
        // Not a refusal: had the saga recorded the step anyway, a lost ConfirmOrder would leave the order waiting
        // for good (its time-out is cancelled with this step).
        List<Exception> failures = new CopyOnWriteArrayList<>();
        fixture.registerListenerInvocationErrorHandler((exception, event, handler) -> failures.add(exception));
        failConfirmOrderWith(new IllegalStateException("connection to the database lost"));
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenPublishingA(AUTHORIZED)
                .expectDispatchedCommands(new ConfirmOrder(ORDER, PAYMENT));
        assertThat(failures).singleElement()
                .satisfies(failure -> assertThat(failure).hasRootCauseMessage("connection to the database lost"));
    }

    private void failConfirmOrderWith(RuntimeException failure) {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ConfirmOrder) {
                throw failure;
            }
            return null;
        });
    }

    @Test
    void refusalsAreTheTargetsDecisionsEvenWhenWrapped() {
        assertThat(OrderFulfilmentSaga.isRefusal(new IllegalTransitionException("it is CANCELLED"))).isTrue();
        assertThat(OrderFulfilmentSaga.isRefusal(new IllegalStateException("wrapped",
                new AggregateNotFoundException("SKU-9", "no product SKU-9")))).isTrue();
        assertThat(OrderFulfilmentSaga.isRefusal(new DeadlockException("lock"))).isFalse();
        assertThat(OrderFulfilmentSaga.isRefusal(new IllegalStateException("connection lost"))).isFalse();
    }

    @Test
    void confirmedOrderIsNotTimedOutLater() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED)
                .whenTimeElapses(TIMEOUT.multipliedBy(3))
                .expectNoDispatchedCommands()
                .expectTriggeredDeadlinesWithName()
                .expectActiveSagas(1);
    }

    @Test
    void timeoutWhileAuthorizingReleasesStockVoidsThePaymentAndRejects() {
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(OrderFulfilmentSaga.TIMEOUT)
                .expectDispatchedCommands(RELEASE_1, RELEASE_2, new RequestVoid(PAYMENT),
                        new RejectOrder(ORDER, RejectionReason.TIMED_OUT, "Order was not confirmed within PT30S"))
                .expectScheduledDeadlineWithName(TIMEOUT, OrderFulfilmentSaga.COMPENSATION_RETRY)
                .expectActiveSagas(1);
    }

    @Test
    void timeoutWhileReservingReleasesWhatIsReservedAndRejects() {
        given(PLACED, RESERVED_1)
                .whenTimeElapses(TIMEOUT)
                .expectDispatchedCommands(RELEASE_1,
                        new RejectOrder(ORDER, RejectionReason.TIMED_OUT, "Order was not confirmed within PT30S"));
    }

    @Test
    void authorizationArrivingAfterTheTimeoutDoesNotConfirm() throws Exception {
        given(PLACED, RESERVED_1, RESERVED_2)
                .andThenTimeElapses(TIMEOUT)
                .whenPublishingA(AUTHORIZED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void timedOutOrderEndsOnceStockIsReleasedAndTheLateAuthorizationVoided() throws Exception {
        given(PLACED, RESERVED_1, RESERVED_2)
                .andThenTimeElapses(TIMEOUT)
                .andThenAPublished(AUTHORIZED)
                .andThenAPublished(rejected(RejectionReason.TIMED_OUT, "Order was not confirmed within PT30S"))
                .andThenAPublished(RELEASED_1)
                .andThenAPublished(RELEASED_2)
                .whenPublishingA(VOIDED)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void outOfStockReleasesPartialReservationsAndRejects() {
        given(PLACED, RESERVED_1)
                .whenPublishingA(new StockReservationRejected("SKU-2", ORDER, 1, 0))
                .expectDispatchedCommands(RELEASE_1,
                        new RejectOrder(ORDER, RejectionReason.OUT_OF_STOCK, "SKU SKU-2: requested 1, available 0"))
                .expectNoScheduledDeadlineWithName(TIMEOUT, OrderFulfilmentSaga.TIMEOUT)
                .expectActiveSagas(1);
    }

    @Test
    void reservationArrivingAfterTheRejectionIsReleased() {
        given(PLACED, new StockReservationRejected("SKU-2", ORDER, 1, 0))
                .whenPublishingA(RESERVED_1)
                .expectDispatchedCommands(RELEASE_1);
    }

    @Test
    void outOfStockOrderEndsOnceTheLastReservationIsReleased() {
        given(PLACED, new StockReservationRejected("SKU-2", ORDER, 1, 0),
                rejected(RejectionReason.OUT_OF_STOCK, "SKU SKU-2: requested 1, available 0"), RESERVED_1)
                .whenPublishingA(RELEASED_1)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void failedReservationCommandRejectsTheOrderAsOutOfStock() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStock reserve && reserve.sku().equals("SKU-2")) {
                throw new AggregateNotFoundException("SKU-2", "no product SKU-2");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectDispatchedCommands(new ReserveStock("SKU-1", ORDER, 2), new ReserveStock("SKU-2", ORDER, 1),
                        new RejectOrder(ORDER, RejectionReason.OUT_OF_STOCK,
                                "SKU SKU-2 could not be reserved: no product SKU-2"))
                .expectActiveSagas(1)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void reservationThatMeetsAnotherSagasLockIsTriedAgainLaterInsteadOfRejected() {
        AtomicInteger attempts = new AtomicInteger();
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStock reserve && reserve.sku().equals("SKU-2")
                    && attempts.incrementAndGet() == 1) {
                throw new DeadlockException("An imminent deadlock was detected while attempting to acquire a lock");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectDispatchedCommands(new ReserveStock("SKU-1", ORDER, 2), new ReserveStock("SKU-2", ORDER, 1))
                .expectScheduledDeadlineWithName(OrderFulfilmentSaga.RESERVATION_RETRY_DELAY,
                        OrderFulfilmentSaga.RESERVATION_RETRY)
                .expectActiveSagas(1);
        fixture.whenTimeElapses(OrderFulfilmentSaga.RESERVATION_RETRY_DELAY)
                .expectTriggeredDeadlinesWithName(OrderFulfilmentSaga.RESERVATION_RETRY)
                .expectDispatchedCommands(new ReserveStock("SKU-1", ORDER, 2), new ReserveStock("SKU-2", ORDER, 1))
                .expectNoScheduledDeadlineWithName(OrderFulfilmentSaga.RESERVATION_RETRY_DELAY,
                        OrderFulfilmentSaga.RESERVATION_RETRY);
    }

    @Test
    void declinedPaymentReleasesStockAndRejects() {
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenPublishingA(new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.DECLINED, "card_declined"))
                .expectDispatchedCommands(RELEASE_1, RELEASE_2,
                        new RejectOrder(ORDER, RejectionReason.PAYMENT_DECLINED, "card_declined"));
    }

    @Test
    void unavailableProviderReleasesStockAndRejects() {
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenPublishingA(new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.UNAVAILABLE, "no answer"))
                .expectDispatchedCommands(RELEASE_1, RELEASE_2,
                        new RejectOrder(ORDER, RejectionReason.PAYMENT_UNAVAILABLE, "no answer"));
    }

    @Test
    void declinedOrderEndsOnceRejectedAndReleased() {
        given(PLACED, RESERVED_1, RESERVED_2,
                new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.DECLINED, "card_declined"),
                rejected(RejectionReason.PAYMENT_DECLINED, "card_declined"), RELEASED_1)
                .whenPublishingA(RELEASED_2)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void declinedOrderStaysOpenUntilTheOrderIsRejected() {
        given(PLACED, RESERVED_1, RESERVED_2,
                new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.DECLINED, "card_declined"), RELEASED_1)
                .whenPublishingA(RELEASED_2)
                .expectActiveSagas(1);
    }

    @Test
    void cancellationWhileReservingReleasesReservationsAsTheyArrive() {
        given(PLACED, RESERVED_1)
                .whenPublishingA(cancelled(OrderStatus.PLACED))
                .expectDispatchedCommands(RELEASE_1)
                .expectNoScheduledDeadlineWithName(TIMEOUT, OrderFulfilmentSaga.TIMEOUT)
                .expectActiveSagas(1);
    }

    @Test
    void reservationArrivingAfterCancellationIsReleased() {
        given(PLACED, RESERVED_1, cancelled(OrderStatus.PLACED))
                .whenPublishingA(RESERVED_2)
                .expectDispatchedCommands(RELEASE_2);
    }

    @Test
    void cancellationBeforeAuthorizationReleasesStockAndVoidsTheAuthorizationInFlight() {
        given(PLACED, RESERVED_1, RESERVED_2)
                .whenPublishingA(cancelled(OrderStatus.STOCK_RESERVED))
                .expectDispatchedCommands(RELEASE_1, RELEASE_2, new RequestVoid(PAYMENT))
                .expectActiveSagas(1);
    }

    @Test
    void cancelledOrderWhosePaymentWasThenDeclinedEnds() {
        given(PLACED, RESERVED_1, RESERVED_2, cancelled(OrderStatus.STOCK_RESERVED), RELEASED_1, RELEASED_2)
                .whenPublishingA(new PaymentDeclined(PAYMENT, ORDER, PaymentFailure.UNAVAILABLE, "no answer"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void cancellationAfterAuthorizationReleasesStockAndVoidsThePayment() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED)
                .whenPublishingA(cancelled(OrderStatus.CONFIRMED))
                .expectDispatchedCommands(RELEASE_1, RELEASE_2, new RequestVoid(PAYMENT))
                .expectActiveSagas(1);
    }

    @Test
    void cancelledOrderEndsWhenCompensationIsDone() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED, cancelled(OrderStatus.CONFIRMED), RELEASED_1, RELEASED_2)
                .whenPublishingA(VOIDED)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void cancelledOrderStaysOpenWhileTheVoidIsOutstanding() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED, cancelled(OrderStatus.CONFIRMED), RELEASED_1)
                .whenPublishingA(RELEASED_2)
                .expectActiveSagas(1);
    }

    @Test
    void unfinishedCompensationIsSentAgain() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED, cancelled(OrderStatus.CONFIRMED), RELEASED_1)
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(OrderFulfilmentSaga.COMPENSATION_RETRY)
                .expectDispatchedCommands(RELEASE_2, new RequestVoid(PAYMENT))
                .expectScheduledDeadlineWithName(TIMEOUT, OrderFulfilmentSaga.COMPENSATION_RETRY);
    }

    @Test
    void rejectionThatWasNotRecordedIsSentAgain() {
        given(PLACED, RESERVED_1, new StockReservationRejected("SKU-2", ORDER, 1, 0), RELEASED_1)
                .whenTimeElapses(TIMEOUT)
                .expectDispatchedCommands(
                        new RejectOrder(ORDER, RejectionReason.OUT_OF_STOCK, "SKU SKU-2: requested 1, available 0"));
    }

    @Test
    void rejectionFromElsewhereReleasesWhatIsHeld() {
        given(PLACED, RESERVED_1)
                .whenPublishingA(rejected(RejectionReason.OUT_OF_STOCK, "by operator"))
                .expectDispatchedCommands(RELEASE_1)
                .expectActiveSagas(1);
    }

    @Test
    void shippedOrderCapturesThePaymentAndCommitsTheStock() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED)
                .whenPublishingA(SHIPPED)
                .expectDispatchedCommands(new RequestCapture(PAYMENT), new CommitStock("SKU-1", ORDER),
                        new CommitStock("SKU-2", ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void shippedOrderStaysOpenUntilEveryLineIsCommitted() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED, SHIPPED, COMMITTED_1)
                .whenPublishingA(CAPTURED)
                .expectActiveSagas(1);
    }

    @Test
    void shippedOrderEndsAfterCaptureAndCommits() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED, SHIPPED, CAPTURED, COMMITTED_1)
                .whenPublishingA(COMMITTED_2)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void cancellationAfterCaptureRefunds() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED, SHIPPED, CAPTURED)
                .whenPublishingA(cancelled(OrderStatus.CONFIRMED))
                .expectDispatchedCommands(new RequestRefund(PAYMENT));
    }

    @Test
    void cancelledOrderEndsOnceRefunded() {
        given(PLACED, RESERVED_1, RESERVED_2, AUTHORIZED, SHIPPED, CAPTURED, cancelled(OrderStatus.CONFIRMED))
                .whenPublishingA(new PaymentRefunded(PAYMENT, ORDER, TOTAL))
                .expectActiveSagas(0);
    }
}
