package dev.orders.payment;

import dev.orders.api.Ids;
import dev.orders.api.Money;
import dev.orders.api.error.OrdersException;
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
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives one order from placement to a terminal or stable state: reserve stock for every line, authorise the
 * payment, confirm; or, on a missing item, a declined or unavailable payment, the time-out, a cancellation or a
 * rejection, give back whatever is held (reservations, also late ones, and the authorisation) and reject. After
 * shipping it captures the payment and commits the stock. Every command it sends is idempotent at its target, so
 * repeating a compensation is harmless; while a compensation is unfinished a retry deadline sends it again.
 *
 * <p>Public only because Axon 4 creates sagas with {@code getDeclaredConstructor().newInstance()} and no
 * {@code setAccessible}: a package-private saga fails with IllegalAccessException. Its handlers stay
 * package-private.
 */
@ConditionalOnRole(InstanceRole.SAGA)
@Saga
public class OrderFulfilmentSaga {

    static final String TIMEOUT = "order-fulfilment-timeout";
    static final String COMPENSATION_RETRY = "order-compensation-retry";
    static final String RESERVATION_RETRY = "order-reservation-retry";
    /** How soon a reservation that met another saga's lock is tried again, after this saga's locks are gone. */
    static final Duration RESERVATION_RETRY_DELAY = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(OrderFulfilmentSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient FulfilmentSettings settings;

    private UUID orderId;
    private UUID paymentId;
    private Money total;
    private String paymentToken;
    private Map<String, Integer> quantities = new LinkedHashMap<>();
    private Map<String, Line> lines = new LinkedHashMap<>();
    private Stage stage;
    private PaymentStep payment = PaymentStep.NONE;
    private boolean orderClosed;
    private RejectionReason rejection;
    private String rejectionDetail;
    private String timeoutId;
    private String retryId;
    private String reservationRetryId;

    /** Where the order is from the saga's point of view. */
    enum Stage {
        RESERVING, AUTHORIZING, CONFIRMED, SHIPPED, COMPENSATING
    }

    /** One SKU's stock for this order. */
    enum Line {
        REQUESTED, RESERVED, UNAVAILABLE, RELEASING, RELEASED, COMMITTING, COMMITTED
    }

    /** The payment as far as the saga knows; SETTLED means nothing is held (declined, voided or refunded). */
    enum PaymentStep {
        NONE, AUTHORIZING, AUTHORIZED, CAPTURING, CAPTURED, VOIDING, REFUNDING, SETTLED
    }

    /** Axon creates sagas reflectively and then restores their fields from the saga store. */
    public OrderFulfilmentSaga() {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlaced event) {
        orderId = event.orderId();
        paymentId = Ids.paymentId(orderId);
        total = event.total();
        paymentToken = event.paymentToken();
        stage = Stage.RESERVING;
        event.lines().forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
        timeoutId = deadlineManager.schedule(settings.timeout(), TIMEOUT);
        reserve(List.copyOf(quantities.keySet()));
        endIfCompensated();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReserved event) {
        if (lines.get(event.sku()) != Line.REQUESTED) {
            return;
        }
        if (stage == Stage.COMPENSATING) {
            release(event.sku());
            return;
        }
        lines.put(event.sku(), Line.RESERVED);
        if (stage == Stage.RESERVING && lines.values().stream().allMatch(line -> line == Line.RESERVED)) {
            stage = Stage.AUTHORIZING;
            payment = PaymentStep.AUTHORIZING;
            send(new MarkOrderStockReserved(orderId));
            send(new RequestAuthorization(paymentId, orderId, total, paymentToken));
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservationRejected event) {
        if (lines.get(event.sku()) != Line.REQUESTED) {
            return;
        }
        lines.put(event.sku(), Line.UNAVAILABLE);
        reject(RejectionReason.OUT_OF_STOCK, "SKU " + event.sku() + ": requested " + event.requested()
                + ", available " + event.available());
        endIfCompensated();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentAuthorized event) {
        if (payment != PaymentStep.AUTHORIZING) {
            // Compensation already asked for a void; the payment carries it out once authorised.
            return;
        }
        payment = PaymentStep.AUTHORIZED;
        if (stage == Stage.AUTHORIZING) {
            stage = Stage.CONFIRMED;
            cancelDeadline(TIMEOUT, timeoutId);
            timeoutId = null;
            send(new ConfirmOrder(orderId, paymentId));
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentDeclined event) {
        payment = PaymentStep.SETTLED;
        reject(event.failure() == PaymentFailure.DECLINED ? RejectionReason.PAYMENT_DECLINED
                : RejectionReason.PAYMENT_UNAVAILABLE, event.detail());
        endIfCompensated();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentCaptured event) {
        if (stage == Stage.COMPENSATING) {
            payment = PaymentStep.REFUNDING;
            send(new RequestRefund(paymentId));
            return;
        }
        payment = PaymentStep.CAPTURED;
        endIfFulfilled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentVoided event) {
        payment = PaymentStep.SETTLED;
        endIfCompensated();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(PaymentRefunded event) {
        payment = PaymentStep.SETTLED;
        endIfCompensated();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShipped event) {
        if (stage != Stage.CONFIRMED) {
            return;
        }
        stage = Stage.SHIPPED;
        payment = PaymentStep.CAPTURING;
        send(new RequestCapture(paymentId));
        lines.replaceAll((sku, line) -> line == Line.RESERVED ? Line.COMMITTING : line);
        lines.forEach((sku, line) -> {
            if (line == Line.COMMITTING) {
                send(new CommitStock(sku, orderId));
            }
        });
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockCommitted event) {
        if (lines.get(event.sku()) == Line.COMMITTING) {
            lines.put(event.sku(), Line.COMMITTED);
            endIfFulfilled();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReleased event) {
        if (lines.get(event.sku()) == Line.RELEASING) {
            lines.put(event.sku(), Line.RELEASED);
            endIfCompensated();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelled event) {
        orderClosed = true;
        compensate();
        endIfCompensated();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRejected event) {
        orderClosed = true;
        compensate();
        endIfCompensated();
    }

    @DeadlineHandler(deadlineName = TIMEOUT)
    void onTimeout() {
        timeoutId = null;
        reject(RejectionReason.TIMED_OUT, "Order was not confirmed within " + settings.timeout());
        endIfCompensated();
    }

    /** Sends again what an unfinished compensation is still waiting for; every one of these is idempotent. */
    @DeadlineHandler(deadlineName = COMPENSATION_RETRY)
    void onCompensationRetry() {
        retryId = null;
        lines.forEach((sku, line) -> {
            if (line == Line.RELEASING) {
                send(new ReleaseStock(sku, orderId));
            }
        });
        if (payment == PaymentStep.VOIDING) {
            send(new RequestVoid(paymentId));
        } else if (payment == PaymentStep.REFUNDING) {
            send(new RequestRefund(paymentId));
        }
        if (!orderClosed && rejection != null) {
            send(new RejectOrder(orderId, rejection, rejectionDetail));
        }
        retryId = deadlineManager.schedule(settings.timeout(), COMPENSATION_RETRY);
    }

    /** Gives up on the order (only before confirmation): undo what is held, then tell the order why. */
    private void reject(RejectionReason reason, String detail) {
        if (stage != Stage.RESERVING && stage != Stage.AUTHORIZING) {
            return;
        }
        rejection = reason;
        rejectionDetail = detail;
        compensate();
        send(new RejectOrder(orderId, reason, detail));
    }

    private void compensate() {
        if (stage == Stage.COMPENSATING) {
            return;
        }
        stage = Stage.COMPENSATING;
        cancelDeadline(TIMEOUT, timeoutId);
        timeoutId = null;
        lines.forEach((sku, line) -> {
            if (line == Line.RESERVED) {
                release(sku);
            }
        });
        if (payment == PaymentStep.AUTHORIZING || payment == PaymentStep.AUTHORIZED) {
            payment = PaymentStep.VOIDING;
            send(new RequestVoid(paymentId));
        } else if (payment == PaymentStep.CAPTURED) {
            payment = PaymentStep.REFUNDING;
            send(new RequestRefund(paymentId));
        }
        retryId = deadlineManager.schedule(settings.timeout(), COMPENSATION_RETRY);
    }

    /**
     * Asks for every SKU at once (each reservation is its own short transaction on the command bus) and waits for the
     * answers, so that a refused command (e.g. an unknown SKU) is seen here, not lost. Reservations that succeed
     * after another was refused are released when their events arrive, as the saga is compensating by then.
     */
    private void reserve(List<String> skus) {
        Map<String, CompletableFuture<Object>> requests = new LinkedHashMap<>();
        for (String sku : skus) {
            lines.put(sku, Line.REQUESTED);
            requests.put(sku, commandGateway.send(new ReserveStock(sku, orderId, quantities.get(sku))));
        }
        requests.forEach(this::awaitReservation);
    }

    private void awaitReservation(String sku, CompletableFuture<Object> request) {
        try {
            request.join();
        } catch (CompletionException | CancellationException e) {
            Throwable failure = e.getCause() == null ? e : e.getCause();
            if (isLockContention(failure)) {
                // The item stayed locked beyond the gateway's retries: try again shortly, outside this unit of work.
                if (reservationRetryId == null) {
                    reservationRetryId = deadlineManager.schedule(RESERVATION_RETRY_DELAY, RESERVATION_RETRY);
                }
                return;
            }
            lines.put(sku, Line.UNAVAILABLE);
            reject(RejectionReason.OUT_OF_STOCK, "SKU " + sku + " could not be reserved: " + failure.getMessage());
        }
    }

    /** Asks again for every line still waiting; a reservation is decided once per order, so repeats are no-ops. */
    @DeadlineHandler(deadlineName = RESERVATION_RETRY)
    void onReservationRetry() {
        reservationRetryId = null;
        if (stage == Stage.RESERVING) {
            reserve(lines.entrySet().stream()
                    .filter(line -> line.getValue() == Line.REQUESTED)
                    .map(Map.Entry::getKey)
                    .toList());
        }
        endIfCompensated();
    }

    private static boolean isLockContention(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeadlockException) {
                return true;
            }
        }
        return false;
    }

    private void release(String sku) {
        lines.put(sku, Line.RELEASING);
        send(new ReleaseStock(sku, orderId));
    }

    private void endIfCompensated() {
        boolean stockHeld = lines.values().stream()
                .anyMatch(line -> line == Line.REQUESTED || line == Line.RESERVED || line == Line.RELEASING);
        boolean paymentHeld = payment != PaymentStep.NONE && payment != PaymentStep.SETTLED;
        if (stage == Stage.COMPENSATING && orderClosed && !stockHeld && !paymentHeld) {
            end();
        }
    }

    private void endIfFulfilled() {
        if (stage == Stage.SHIPPED && payment == PaymentStep.CAPTURED
                && lines.values().stream().allMatch(line -> line == Line.COMMITTED)) {
            end();
        }
    }

    private void end() {
        cancelDeadline(TIMEOUT, timeoutId);
        cancelDeadline(COMPENSATION_RETRY, retryId);
        cancelDeadline(RESERVATION_RETRY, reservationRetryId);
        timeoutId = null;
        retryId = null;
        reservationRetryId = null;
        SagaLifecycle.end();
    }

    private void cancelDeadline(String name, String id) {
        if (id != null) {
            deadlineManager.cancelSchedule(name, id);
        }
    }

    /**
     * Sends a command and waits until it has been handled, so that the saga's state, committed with the event being
     * handled, never records a step whose command was lost: an instance killed before the command committed never
     * commits the event either, which is then handled again and the command (idempotent at its target) sent again.
     * A refusal by the target (a step its lifecycle no longer allows) is logged, and the saga's own state and its
     * retry deadline decide what follows; any other failure fails the event, which the processor handles again.
     */
    private void send(Object command) {
        try {
            commandGateway.send(command).join();
        } catch (CompletionException | CancellationException e) {
            Throwable failure = e.getCause() == null ? e : e.getCause();
            if (!isRefusal(failure)) {
                throw e;
            }
            log.warn("Order {}: {} refused: {}", orderId, command.getClass().getSimpleName(), failure.getMessage());
        }
    }

    /** The command's target decided against it (possibly wrapped by the bus); repeating it would change nothing. */
    static boolean isRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OrdersException || t instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }
}
