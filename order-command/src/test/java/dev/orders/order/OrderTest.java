package dev.orders.order;

import dev.orders.api.Money;
import dev.orders.api.error.ConflictException;
import dev.orders.api.error.IllegalTransitionException;
import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.error.NotFoundException;
import dev.orders.api.order.OrderCommand.CancelOrder;
import dev.orders.api.order.OrderCommand.ConfirmOrder;
import dev.orders.api.order.OrderCommand.DeliverOrder;
import dev.orders.api.order.OrderCommand.MarkOrderStockReserved;
import dev.orders.api.order.OrderCommand.PlaceOrder;
import dev.orders.api.order.OrderCommand.RejectOrder;
import dev.orders.api.order.OrderCommand.ShipOrder;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderDelivered;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import dev.orders.api.order.OrderLine;
import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID PAYMENT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final String CUSTOMER = "alice";
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("SKU-1", 2, new Money(1_250, "EUR")),
            new OrderLine("SKU-2", 1, new Money(500, "EUR")));
    private static final OrderPlaced PLACED =
            new OrderPlaced(ORDER, CUSTOMER, LINES, new Money(3_000, "EUR"), "tok_approve");
    private static final OrderStockReserved RESERVED = new OrderStockReserved(ORDER, CUSTOMER);
    private static final OrderConfirmed CONFIRMED = new OrderConfirmed(ORDER, CUSTOMER, PAYMENT);
    private static final OrderShipped SHIPPED = new OrderShipped(ORDER, CUSTOMER);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void placesOrderWithCatalogueTotal() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, CUSTOMER, LINES, "tok_approve"))
                .expectEvents(PLACED)
                .expectResultMessagePayload(OrderStatus.PLACED);
    }

    @Test
    void repeatedPlacementWithSameContentIsANoOp() {
        fixture.given(PLACED, RESERVED)
                .when(new PlaceOrder(ORDER, CUSTOMER, LINES, "tok_approve"))
                .expectNoEvents()
                .expectResultMessagePayload(OrderStatus.STOCK_RESERVED);
    }

    @Test
    void repeatedPlacementIgnoresPriceChangesSinceTheFirstAttempt() {
        List<OrderLine> repriced = List.of(
                new OrderLine("SKU-2", 1, new Money(999, "EUR")),
                new OrderLine("SKU-1", 2, new Money(1_999, "EUR")));
        fixture.given(PLACED)
                .when(new PlaceOrder(ORDER, CUSTOMER, repriced, "tok_approve"))
                .expectNoEvents()
                .expectResultMessagePayload(OrderStatus.PLACED);
    }

    @Test
    void refusesIdempotencyKeyReuseForADifferentOrder() {
        fixture.given(PLACED)
                .when(new PlaceOrder(ORDER, CUSTOMER, List.of(LINES.get(0)), "tok_approve"))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void refusesEmptyOrder() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, CUSTOMER, List.of(), "tok_approve"))
                .expectNoEvents()
                .expectException(InvalidRequestException.class);
    }

    @Test
    void refusesNonPositiveQuantity() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, CUSTOMER, List.of(new OrderLine("SKU-1", 0, new Money(1, "EUR"))),
                        "tok_approve"))
                .expectNoEvents()
                .expectException(InvalidRequestException.class);
    }

    @Test
    void refusesMixedCurrencies() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, CUSTOMER, List.of(
                        new OrderLine("SKU-1", 1, new Money(1, "EUR")),
                        new OrderLine("SKU-2", 1, new Money(1, "USD"))), "tok_approve"))
                .expectNoEvents()
                .expectExceptionMessage("All lines of an order must be priced in one currency");
    }

    @Test
    void refusesDuplicateSkuLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, CUSTOMER, List.of(LINES.get(0), LINES.get(0)), "tok_approve"))
                .expectNoEvents()
                .expectException(InvalidRequestException.class);
    }

    @Test
    void marksStockReservedOnce() {
        fixture.given(PLACED)
                .when(new MarkOrderStockReserved(ORDER))
                .expectEvents(RESERVED);
        fixture.given(PLACED, RESERVED)
                .when(new MarkOrderStockReserved(ORDER))
                .expectNoEvents();
    }

    @Test
    void confirmsReservedOrder() {
        fixture.given(PLACED, RESERVED)
                .when(new ConfirmOrder(ORDER, PAYMENT))
                .expectEvents(CONFIRMED)
                .expectResultMessagePayload(OrderStatus.CONFIRMED);
    }

    @Test
    void refusesToConfirmCancelledOrder() {
        fixture.given(PLACED, new OrderCancelled(ORDER, CUSTOMER, "changed my mind", OrderStatus.PLACED))
                .when(new ConfirmOrder(ORDER, PAYMENT))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void rejectsOrderWithReason() {
        OrderRejected rejected = new OrderRejected(ORDER, CUSTOMER, RejectionReason.OUT_OF_STOCK, "SKU-1");
        fixture.given(PLACED)
                .when(new RejectOrder(ORDER, RejectionReason.OUT_OF_STOCK, "SKU-1"))
                .expectEvents(rejected)
                .expectResultMessagePayload(OrderStatus.REJECTED);
    }

    @Test
    void rejectingAnAlreadyEndedOrderChangesNothing() {
        fixture.given(PLACED, new OrderRejected(ORDER, CUSTOMER, RejectionReason.TIMED_OUT, null))
                .when(new RejectOrder(ORDER, RejectionReason.PAYMENT_DECLINED, null))
                .expectNoEvents();
    }

    @Test
    void refusesToRejectConfirmedOrder() {
        fixture.given(PLACED, RESERVED, CONFIRMED)
                .when(new RejectOrder(ORDER, RejectionReason.TIMED_OUT, null))
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void cancelsConfirmedOrderAndRemembersWhatToUndo() {
        fixture.given(PLACED, RESERVED, CONFIRMED)
                .when(new CancelOrder(ORDER, "changed my mind", null))
                .expectEvents(new OrderCancelled(ORDER, CUSTOMER, "changed my mind", OrderStatus.CONFIRMED));
    }

    @Test
    void customerCancelsOwnOrder() {
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER, null, CUSTOMER))
                .expectEvents(new OrderCancelled(ORDER, CUSTOMER, "cancelled", OrderStatus.PLACED));
    }

    @Test
    void anotherCustomerIsToldTheOrderDoesNotExist() {
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER, null, "mallory"))
                .expectNoEvents()
                .expectException(NotFoundException.class)
                .expectExceptionMessage("order " + ORDER + " does not exist");
    }

    @Test
    void cancellingTwiceIsANoOp() {
        fixture.given(PLACED, new OrderCancelled(ORDER, CUSTOMER, "cancelled", OrderStatus.PLACED))
                .when(new CancelOrder(ORDER, null, null))
                .expectNoEvents()
                .expectResultMessagePayload(OrderStatus.CANCELLED);
    }

    @Test
    void refusesToCancelShippedOrder() {
        fixture.given(PLACED, RESERVED, CONFIRMED, SHIPPED)
                .when(new CancelOrder(ORDER, null, null))
                .expectNoEvents()
                .expectExceptionMessage("Order " + ORDER + " is SHIPPED and can no longer be cancelled");
    }

    @Test
    void shipsConfirmedOrder() {
        fixture.given(PLACED, RESERVED, CONFIRMED)
                .when(new ShipOrder(ORDER))
                .expectEvents(SHIPPED);
    }

    @Test
    void refusesToShipCancelledOrder() {
        fixture.given(PLACED, new OrderCancelled(ORDER, CUSTOMER, "cancelled", OrderStatus.PLACED))
                .when(new ShipOrder(ORDER))
                .expectNoEvents()
                .expectExceptionMessage("Cannot ship order " + ORDER + ": it is CANCELLED");
    }

    @Test
    void refusesToShipUnconfirmedOrder() {
        fixture.given(PLACED, RESERVED)
                .when(new ShipOrder(ORDER))
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void deliversShippedOrder() {
        fixture.given(PLACED, RESERVED, CONFIRMED, SHIPPED)
                .when(new DeliverOrder(ORDER))
                .expectEvents(new OrderDelivered(ORDER, CUSTOMER))
                .expectResultMessagePayload(OrderStatus.DELIVERED);
    }

    @Test
    void refusesToDeliverOrderThatWasNotShipped() {
        fixture.given(PLACED, RESERVED, CONFIRMED)
                .when(new DeliverOrder(ORDER))
                .expectException(IllegalTransitionException.class);
    }
}
