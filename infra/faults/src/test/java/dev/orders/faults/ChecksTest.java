package dev.orders.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChecksTest {

    private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final String PAYMENT = "10000000-0000-0000-0000-000000000001";
    private static final String SKU = "MUG";

    /** A shipped order of 2 mugs at 500, paid and committed: a state every check accepts. */
    private static final class World {
        final List<StoredEvent> events = new ArrayList<>();
        final Map<UUID, SystemState.OrderRow> view = new HashMap<>();
        final Map<String, SystemState.ProductRow> catalogue = new HashMap<>();
        final Map<String, SystemState.Payment> payments = new HashMap<>();
        final Map<String, Integer> webhooks = new HashMap<>();
        private long sequence;

        World shipped() {
            stock("ProductCreated", "{\"sku\":\"MUG\",\"initialStock\":10}");
            order("OrderPlaced", "\"lines\":[{\"sku\":\"MUG\",\"quantity\":2}],\"total\":{\"cents\":1000}");
            stock("StockReserved", "{\"sku\":\"MUG\",\"orderId\":\"" + ORDER
                    + "\",\"quantity\":2,\"onHand\":10,\"reserved\":2}");
            order("OrderStockReserved", null);
            payment("PaymentAuthorizationRequested");
            payment("PaymentAuthorized");
            order("OrderConfirmed", null);
            payment("PaymentCaptured");
            stock("StockCommitted", "{\"sku\":\"MUG\",\"orderId\":\"" + ORDER
                    + "\",\"quantity\":2,\"onHand\":8,\"reserved\":0}");
            order("OrderShipped", null);
            view.put(ORDER, new SystemState.OrderRow(ORDER, "SHIPPED", 1000, 3, null));
            catalogue.put(SKU, new SystemState.ProductRow(SKU, 8, 0));
            payments.put(PAYMENT, new SystemState.Payment("CAPTURED", 1000, 1, 1));
            return this;
        }

        StoredEvent order(String type, String fields) {
            long orderSequence = events.stream().filter(e -> e.aggregateId().equals(ORDER.toString())).count();
            return add("Order", ORDER.toString(), orderSequence, type, "{\"orderId\":\"" + ORDER + "\""
                    + (fields == null ? "" : "," + fields) + "}");
        }

        void stock(String type, String payload) {
            add("StockItem", SKU, events.stream().filter(e -> e.aggregateId().equals(SKU)).count(), type, payload);
        }

        void payment(String type) {
            add("Payment", PAYMENT, events.stream().filter(e -> e.aggregateId().equals(PAYMENT)).count(), type,
                    "{\"paymentId\":\"" + PAYMENT + "\",\"orderId\":\"" + ORDER + "\"}");
        }

        StoredEvent add(String aggregate, String id, long seq, String type, String payload) {
            StoredEvent event = new StoredEvent(++sequence, "event-" + sequence, aggregate, id, seq, type,
                    Http.JSON.readTree(payload));
            events.add(event);
            if (Checks.NOTIFIED.contains(type)) {
                webhooks.put(event.eventId(), 1);
            }
            return event;
        }

        Map<String, Integer> violations() {
            return violations(false);
        }

        Map<String, Integer> violations(boolean instanceKilled) {
            SystemState state = new SystemState(events, view, catalogue, payments, webhooks);
            Map<String, Integer> found = new HashMap<>();
            for (Check check : Checks.evaluate(state, List.of(ORDER), instanceKilled)) {
                if (check.violations() > 0) {
                    found.put(check.name(), check.violations());
                }
            }
            return found;
        }
    }

    @Test
    void aShippedPaidAndCommittedOrderBreaksNothing() {
        assertThat(new World().shipped().violations()).isEmpty();
    }

    @Test
    void reportsAnAcceptedOrderWithoutEventsAndOneStuckBeforeItsDecision() {
        World lost = new World();
        SystemState state = new SystemState(lost.events, lost.view, lost.catalogue, lost.payments, lost.webhooks);
        assertThat(Checks.ordersSettled(Checks.Replay.of(state.events()), List.of(ORDER)).violations())
                .isEqualTo(1);

        World stuck = new World();
        stuck.stock("ProductCreated", "{\"sku\":\"MUG\",\"initialStock\":10}");
        stuck.order("OrderPlaced", "\"lines\":[{\"sku\":\"MUG\",\"quantity\":1}],\"total\":{\"cents\":500}");
        stuck.view.put(ORDER, new SystemState.OrderRow(ORDER, "PLACED", 500, 0, null));
        stuck.catalogue.put(SKU, new SystemState.ProductRow(SKU, 10, 0));
        assertThat(stuck.violations()).containsOnlyKeys("every accepted order is stored and terminal or stable");
    }

    @Test
    void reportsNegativeStockAndReservationsAboveStock() {
        World world = new World().shipped();
        world.stock("StockRestocked", "{\"sku\":\"MUG\",\"quantity\":1,\"onHand\":-1,\"reserved\":0}");
        world.stock("StockRestocked", "{\"sku\":\"MUG\",\"quantity\":1,\"onHand\":3,\"reserved\":4}");
        world.catalogue.put(SKU, new SystemState.ProductRow(SKU, 3, 4));
        assertThat(world.violations()).containsEntry("stock on hand never negative, reserved never above it", 2);
    }

    @Test
    void reportsAShippedOrderCapturedTwiceOrForAnotherAmount() {
        World twice = new World().shipped();
        twice.payments.put(PAYMENT, new SystemState.Payment("CAPTURED", 1000, 1, 2));
        assertThat(twice.violations()).containsOnlyKeys(
                "captured = total when shipped; nothing captured or left authorised otherwise");
        World wrongAmount = new World().shipped();
        wrongAmount.payments.put(PAYMENT, new SystemState.Payment("CAPTURED", 999, 1, 1));
        assertThat(wrongAmount.violations()).containsOnlyKeys(
                "captured = total when shipped; nothing captured or left authorised otherwise");
    }

    @Test
    void reportsARejectedOrderThatLeftItsAuthorisationAndItsStock() {
        World world = new World();
        world.stock("ProductCreated", "{\"sku\":\"MUG\",\"initialStock\":10}");
        world.order("OrderPlaced", "\"lines\":[{\"sku\":\"MUG\",\"quantity\":2}],\"total\":{\"cents\":1000}");
        world.stock("StockReserved", "{\"sku\":\"MUG\",\"orderId\":\"" + ORDER
                + "\",\"quantity\":2,\"onHand\":10,\"reserved\":2}");
        world.payment("PaymentAuthorizationRequested");
        world.order("OrderRejected", "\"reason\":\"PAYMENT_UNAVAILABLE\"");
        world.view.put(ORDER, new SystemState.OrderRow(ORDER, "REJECTED", 1000, 1, "PAYMENT_UNAVAILABLE"));
        world.catalogue.put(SKU, new SystemState.ProductRow(SKU, 10, 2));
        world.payments.put(PAYMENT, new SystemState.Payment("AUTHORIZED", 1000, 1, 0));
        assertThat(world.violations()).containsOnlyKeys(
                "captured = total when shipped; nothing captured or left authorised otherwise",
                "reservations held by confirmed orders only, committed when shipped");
    }

    @Test
    void reportsADoubleAuthorisationAtTheProviderOrInTheEvents() {
        World provider = new World().shipped();
        provider.payments.put(PAYMENT, new SystemState.Payment("CAPTURED", 1000, 2, 1));
        assertThat(provider.violations()).containsOnlyKeys("no order authorised twice");
        World events = new World().shipped();
        events.payment("PaymentAuthorized");
        assertThat(events.violations()).containsKey("no order authorised twice");
    }

    @Test
    void reportsAnEventIdStoredTwice() {
        World world = new World().shipped();
        StoredEvent first = world.events.get(0);
        world.events.add(new StoredEvent(99, first.eventId(), "StockItem", "OTHER", 0, "Nothing",
                Http.JSON.readTree("{}")));
        assertThat(world.violations()).containsEntry("every event id appears once in the store", 1);
    }

    @Test
    void reportsAReadModelThatDiffersFromTheEvents() {
        World view = new World().shipped();
        view.view.put(ORDER, new SystemState.OrderRow(ORDER, "CONFIRMED", 1000, 2, null));
        view.view.put(UUID.randomUUID(), new SystemState.OrderRow(ORDER, "PLACED", 1, 0, null));
        assertThat(view.violations()).containsOnly(Map.entry("order view equals a fresh rebuild from the events", 2));
        World catalogue = new World().shipped();
        catalogue.catalogue.put(SKU, new SystemState.ProductRow(SKU, 8, 2));
        assertThat(catalogue.violations()).containsOnlyKeys("catalogue equals a fresh rebuild from the events");
    }

    @Test
    void reportsANotificationMissingOrSentTwice() {
        World twice = new World().shipped();
        twice.webhooks.replaceAll((id, count) -> 2);
        assertThat(twice.violations()).containsEntry(
                "every notification sent exactly once (webhook deliveries per event id)", 2);
        World missing = new World().shipped();
        missing.webhooks.clear();
        assertThat(missing.violations()).containsEntry(
                "every notification sent exactly once (webhook deliveries per event id)", 2);
    }

    @Test
    void afterAKillARepeatedNotificationIsAllowedButAMissingOneIsNot() {
        World twice = new World().shipped();
        twice.webhooks.replaceAll((id, count) -> 2);
        assertThat(twice.violations(true)).isEmpty();
        World missing = new World().shipped();
        missing.webhooks.clear();
        assertThat(missing.violations(true)).containsEntry(
                "every notification delivered, repeats only with its event id after a kill -9 (webhook deliveries)", 2);
    }

    @Test
    void reportsASagaStepTakenTwice() {
        World world = new World().shipped();
        world.stock("StockReserved", "{\"sku\":\"MUG\",\"orderId\":\"" + ORDER
                + "\",\"quantity\":0,\"onHand\":8,\"reserved\":0}");
        assertThat(world.violations()).containsKey("no saga step twice: one reservation per line, one "
                + "authorisation request, one decision per order");
    }

    @Test
    void reportsOutOfStockWithoutAReservationRefusedForLackOfStock() {
        World world = new World();
        world.stock("ProductCreated", "{\"sku\":\"MUG\",\"initialStock\":10}");
        world.order("OrderPlaced", "\"lines\":[{\"sku\":\"MUG\",\"quantity\":1}],\"total\":{\"cents\":500}");
        world.order("OrderRejected", "\"reason\":\"OUT_OF_STOCK\"");
        world.view.put(ORDER, new SystemState.OrderRow(ORDER, "REJECTED", 500, 1, "OUT_OF_STOCK"));
        world.catalogue.put(SKU, new SystemState.ProductRow(SKU, 10, 0));
        assertThat(world.violations()).containsOnlyKeys(
                "OUT_OF_STOCK only when a reservation was refused for lack of stock");
        world.stock("StockReservationRejected", "{\"sku\":\"MUG\",\"orderId\":\"" + ORDER
                + "\",\"requested\":11,\"available\":10}");
        assertThat(world.violations()).isEmpty();
    }
}
