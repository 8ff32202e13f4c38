package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Money;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderViewsTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final Instant PLACED_AT = Instant.parse("2026-03-01T10:00:00.123456789Z");
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, "alice",
            List.of(new OrderLine("SKU-1", 2, new Money(1250, "EUR")), new OrderLine("SKU-2", 1, new Money(99, "EUR"))),
            new Money(2599, "EUR"), "tok");

    @Test
    void placedOrderShowsLinesTotalsAndMicrosecondTimestamps() {
        OrderView view = OrderViews.apply(null, PLACED, 0, PLACED_AT);

        assertThat(view.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(view.lines()).containsExactly(new OrderView.Line("SKU-1", 2, 1250, 2500),
                new OrderView.Line("SKU-2", 1, 99, 99));
        assertThat(view.totalCents()).isEqualTo(2599);
        assertThat(view.currency()).isEqualTo("EUR");
        assertThat(view.placedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(view.updatedAt()).isEqualTo(view.placedAt());
        assertThat(view.version()).isZero();
    }

    @Test
    void happyPathMovesThroughEveryStateKeepingWhenItWasPlaced() {
        Instant later = PLACED_AT.plusSeconds(60);
        OrderView view = OrderViews.apply(null, PLACED, 0, PLACED_AT);
        view = OrderViews.apply(view, new OrderStockReserved(ORDER, "alice"), 1, later);
        assertThat(view.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        view = OrderViews.apply(view, new OrderConfirmed(ORDER, "alice", UUID.randomUUID()), 2, later);
        assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED);
        view = OrderViews.apply(view, new OrderShipped(ORDER, "alice"), 3, later);
        assertThat(view.status()).isEqualTo(OrderStatus.SHIPPED);
        view = OrderViews.apply(view, new OrderDelivered(ORDER, "alice"), 4, later);

        assertThat(view.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(view.version()).isEqualTo(4);
        assertThat(view.placedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(view.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:01:00.123456Z"));
        assertThat(view.totalCents()).isEqualTo(2599);
    }

    @Test
    void rejectionRecordsReasonAndDetail() {
        OrderView placed = OrderViews.apply(null, PLACED, 0, PLACED_AT);

        OrderView view = OrderViews.apply(placed,
                new OrderRejected(ORDER, "alice", RejectionReason.OUT_OF_STOCK, "SKU-1 has 1 left"), 1, PLACED_AT);

        assertThat(view.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(view.rejectionReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        assertThat(view.rejectionDetail()).isEqualTo("SKU-1 has 1 left");
        assertThat(view.cancellationReason()).isNull();
    }

    @Test
    void cancellationRecordsTheReason() {
        OrderView placed = OrderViews.apply(null, PLACED, 0, PLACED_AT);

        OrderView view = OrderViews.apply(placed,
                new OrderCancelled(ORDER, "alice", "changed my mind", OrderStatus.PLACED), 1, PLACED_AT);

        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view.cancellationReason()).isEqualTo("changed my mind");
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void viewSurvivesTheJsonOfTheChangeLog() {
        OrderView view = OrderViews.apply(OrderViews.apply(null, PLACED, 0, PLACED_AT),
                new OrderRejected(ORDER, "alice", RejectionReason.TIMED_OUT, null), 1, PLACED_AT);

        String json = OrderViewJson.write(view);

        assertThat(OrderViewJson.view(json)).isEqualTo(view);
        assertThat(json).contains("\"placedAt\":\"2026-03-01T10:00:00.123456Z\"");
        assertThat(OrderViewJson.lines(OrderViewJson.write(view.lines()))).isEqualTo(view.lines());
    }

    @Test
    void asOfFoldsOnlyTheEventsRecordedUpToThatInstant() {
        List<RecordedOrderEvent> events = List.of(
                new RecordedOrderEvent(PLACED, 0, PLACED_AT),
                new RecordedOrderEvent(new OrderStockReserved(ORDER, "alice"), 1, PLACED_AT.plusSeconds(10)),
                new RecordedOrderEvent(new OrderConfirmed(ORDER, "alice", UUID.randomUUID()), 2,
                        PLACED_AT.plusSeconds(20)),
                new RecordedOrderEvent(new OrderCancelled(ORDER, "alice", "too slow", OrderStatus.CONFIRMED), 3,
                        PLACED_AT.plusSeconds(30)));

        assertThat(OrderViews.asOf(events, PLACED_AT.minusNanos(1))).isNull();
        assertThat(OrderViews.asOf(events, PLACED_AT).status()).isEqualTo(OrderStatus.PLACED);
        // An event recorded exactly at asOf counts; one a nanosecond later does not.
        OrderView confirmed = OrderViews.asOf(events, PLACED_AT.plusSeconds(20));
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.version()).isEqualTo(2);
        assertThat(confirmed.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:20.123456Z"));
        assertThat(OrderViews.asOf(events, PLACED_AT.plusSeconds(30).minusNanos(1))).isEqualTo(confirmed);
        OrderView now = OrderViews.asOf(events, Instant.MAX);
        assertThat(now.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(now.cancellationReason()).isEqualTo("too slow");
    }

    @Test
    void asOfAgreesWithTheLiveProjectionsFold() {
        List<RecordedOrderEvent> events = List.of(
                new RecordedOrderEvent(PLACED, 0, PLACED_AT),
                new RecordedOrderEvent(new OrderRejected(ORDER, "alice", RejectionReason.OUT_OF_STOCK, "SKU-2"), 1,
                        PLACED_AT.plusSeconds(1)));
        OrderView live = null;
        for (RecordedOrderEvent event : events) {
            live = OrderViews.applyIfNew(live, event.event(), event.sequence(), event.timestamp());
            // A redelivery changes nothing.
            assertThat(OrderViews.applyIfNew(live, event.event(), event.sequence(), event.timestamp())).isSameAs(live);
        }

        assertThat(OrderViews.asOf(events, PLACED_AT.plusSeconds(5))).isEqualTo(live);
    }

    @Test
    void applyIfNewIgnoresAnEventBeforeTheOrderWasPlaced() {
        assertThat(OrderViews.applyIfNew(null, new OrderShipped(ORDER, "alice"), 3, PLACED_AT)).isNull();
    }
}
