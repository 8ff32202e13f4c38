package dev.orders.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The system's promises, checked over a {@link SystemState}: per order for the orders a scenario placed, and
 * everywhere for stock, event ids and read models. The order and stock states are rebuilt here from the events
 * alone, so "read model equals a fresh rebuild" compares the projections with an independent replay.
 */
final class Checks {

    static final Set<String> NOTIFIED = Set.of("OrderConfirmed", "OrderRejected", "OrderCancelled", "OrderShipped",
            "OrderDelivered");
    private static final Set<String> STABLE = Set.of("CONFIRMED", "SHIPPED", "DELIVERED", "REJECTED", "CANCELLED");
    private static final Map<String, String> STATUS_AFTER = Map.of("OrderPlaced", "PLACED",
            "OrderStockReserved", "STOCK_RESERVED", "OrderConfirmed", "CONFIRMED", "OrderRejected", "REJECTED",
            "OrderCancelled", "CANCELLED", "OrderShipped", "SHIPPED", "OrderDelivered", "DELIVERED");

    private Checks() {
    }

    /** Every check over {@code state}, for the orders in {@code scenarioOrders}, with no instance killed. */
    static List<Check> evaluate(SystemState state, Collection<UUID> scenarioOrders) {
        return evaluate(state, scenarioOrders, false);
    }

    /** Every check over {@code state}, for the orders in {@code scenarioOrders}; see {@link #notifiedOnce}. */
    static List<Check> evaluate(SystemState state, Collection<UUID> scenarioOrders, boolean instanceKilled) {
        Replay replay = Replay.of(state.events());
        List<Check> checks = new ArrayList<>();
        checks.add(ordersSettled(replay, scenarioOrders));
        checks.add(stockNeverNegative(state.events()));
        checks.add(reservationsFollowOrders(replay, scenarioOrders));
        checks.add(payments(replay, state, scenarioOrders));
        checks.add(authorisedOnce(replay, state, scenarioOrders));
        checks.add(eventIdsOnce(state.events()));
        checks.add(orderViewMatchesEvents(replay, state));
        checks.add(catalogueMatchesEvents(replay, state));
        checks.add(notifiedOnce(replay, state, scenarioOrders, instanceKilled));
        checks.add(noStepTwice(replay, scenarioOrders));
        checks.add(outOfStockOnlyWhenOut(replay, scenarioOrders));
        return checks;
    }

    static int violations(List<Check> checks) {
        return checks.stream().mapToInt(Check::violations).sum();
    }

    static Check ordersSettled(Replay replay, Collection<UUID> orders) {
        Check check = new Check("every accepted order is stored and terminal or stable");
        for (UUID id : orders) {
            OrderFacts order = replay.orders.get(id);
            check.expect(order != null, id + " was accepted but has no events");
            if (order != null) {
                check.expect(STABLE.contains(order.status), id + " is still " + order.status);
            }
        }
        return check;
    }

    static Check stockNeverNegative(List<StoredEvent> events) {
        Check check = new Check("stock on hand never negative, reserved never above it");
        for (StoredEvent event : events) {
            JsonNode payload = event.payload();
            if (payload.has("onHand") && payload.has("reserved")) {
                long onHand = payload.path("onHand").asLong();
                long reserved = payload.path("reserved").asLong();
                check.expect(onHand >= 0 && reserved >= 0 && reserved <= onHand, event.type() + " of "
                        + payload.path("sku").asString() + " at " + event.position() + ": onHand=" + onHand
                        + " reserved=" + reserved);
            }
        }
        return check;
    }

    static Check reservationsFollowOrders(Replay replay, Collection<UUID> orders) {
        Check check = new Check("reservations held by confirmed orders only, committed when shipped");
        for (UUID id : orders) {
            OrderFacts order = replay.orders.get(id);
            if (order == null || !STABLE.contains(order.status)) {
                continue;
            }
            for (Map.Entry<String, Integer> line : order.lines.entrySet()) {
                Reservation r = replay.reservations.getOrDefault(new Hold(line.getKey(), id), new Reservation());
                String what = id + " " + order.status + " " + line.getKey() + ": reserved=" + r.reserved
                        + " released=" + r.released + " committed=" + r.committed;
                switch (order.status) {
                    case "CONFIRMED" -> check.expect(r.open() == line.getValue() && r.committed == 0, what);
                    case "SHIPPED", "DELIVERED" -> check.expect(r.open() == 0
                            && r.committed == line.getValue(), what);
                    default -> check.expect(r.open() == 0 && r.committed == 0, what);
                }
            }
        }
        for (Map.Entry<String, Long> sku : replay.reservedBySku.entrySet()) {
            long open = replay.reservations.entrySet().stream().filter(e -> e.getKey().sku().equals(sku.getKey()))
                    .mapToLong(e -> e.getValue().open()).sum();
            check.expect(open == sku.getValue(), sku.getKey() + " reserved=" + sku.getValue()
                    + " but open reservations add up to " + open);
        }
        return check;
    }

    static Check payments(Replay replay, SystemState state, Collection<UUID> orders) {
        Check check = new Check("captured = total when shipped; nothing captured or left authorised otherwise");
        for (UUID id : orders) {
            OrderFacts order = replay.orders.get(id);
            if (order == null || !STABLE.contains(order.status)) {
                continue;
            }
            String paymentId = replay.paymentOfOrder.get(id);
            SystemState.Payment payment = paymentId == null ? SystemState.Payment.NONE
                    : state.payments().getOrDefault(paymentId, SystemState.Payment.NONE);
            String what = id + " " + order.status + " total=" + order.totalCents + " payment=" + payment;
            switch (order.status) {
                case "SHIPPED", "DELIVERED" -> check.expect("CAPTURED".equals(payment.status())
                        && payment.captures() == 1 && payment.amountCents() == order.totalCents, what);
                case "CONFIRMED" -> check.expect("AUTHORIZED".equals(payment.status())
                        && payment.captures() == 0 && payment.amountCents() == order.totalCents, what);
                default -> check.expect(!"AUTHORIZED".equals(payment.status())
                        && !"CAPTURED".equals(payment.status()), what);
            }
        }
        return check;
    }

    static Check authorisedOnce(Replay replay, SystemState state, Collection<UUID> orders) {
        Check check = new Check("no order authorised twice");
        for (UUID id : orders) {
            String paymentId = replay.paymentOfOrder.get(id);
            if (paymentId == null) {
                continue;
            }
            SystemState.Payment payment = state.payments().getOrDefault(paymentId, SystemState.Payment.NONE);
            int authorizedEvents = replay.count("PaymentAuthorized", paymentId);
            check.expect(payment.authorizations() <= 1 && authorizedEvents <= 1, id + ": provider authorised "
                    + payment.authorizations() + " times, " + authorizedEvents + " PaymentAuthorized events");
        }
        return check;
    }

    static Check eventIdsOnce(List<StoredEvent> events) {
        Check check = new Check("every event id appears once in the store");
        Map<String, Integer> seen = new HashMap<>();
        events.forEach(event -> seen.merge(event.eventId(), 1, Integer::sum));
        seen.forEach((id, count) -> check.expect(count == 1, id + " appears " + count + " times"));
        return check;
    }

    static Check orderViewMatchesEvents(Replay replay, SystemState state) {
        Check check = new Check("order view equals a fresh rebuild from the events");
        replay.orders.forEach((id, order) -> {
            SystemState.OrderRow row = state.orderView().get(id);
            check.expect(row != null && row.status().equals(order.status) && row.totalCents() == order.totalCents
                    && row.version() == order.lastSequence
                    && Objects.equals(row.rejectionReason(), order.rejectionReason),
                    id + ": events say " + order.status + " v" + order.lastSequence + " total=" + order.totalCents
                            + " reason=" + order.rejectionReason + ", view has " + row);
        });
        state.orderView().keySet().stream().filter(id -> !replay.orders.containsKey(id))
                .forEach(id -> check.expect(false, id + " is in the view but has no events"));
        return check;
    }

    static Check catalogueMatchesEvents(Replay replay, SystemState state) {
        Check check = new Check("catalogue equals a fresh rebuild from the events");
        replay.onHandBySku.forEach((sku, onHand) -> {
            SystemState.ProductRow row = state.catalogue().get(sku);
            long reserved = replay.reservedBySku.getOrDefault(sku, 0L);
            check.expect(row != null && row.onHand() == onHand && row.reserved() == reserved,
                    sku + ": events say onHand=" + onHand + " reserved=" + reserved + ", catalogue has " + row);
        });
        state.catalogue().keySet().stream().filter(sku -> !replay.onHandBySku.containsKey(sku))
                .forEach(sku -> check.expect(false, sku + " is in the catalogue but has no events"));
        return check;
    }

    static Check notifiedOnce(Replay replay, SystemState state, Collection<UUID> orders) {
        return notifiedOnce(replay, state, orders, false);
    }

    /**
     * Every notification reached the customer's webhook, and exactly once, except after a {@code kill -9}: an
     * instance killed between a webhook going out and its record being written cannot know it went out, and the
     * next one sends it again, with the same {@code X-Orders-Event-Id} for the receiver to drop. No HTTP sender can
     * do better; without a kill any repeat is a violation.
     */
    static Check notifiedOnce(Replay replay, SystemState state, Collection<UUID> orders, boolean instanceKilled) {
        Check check = new Check(instanceKilled
                ? "every notification delivered, repeats only with its event id after a kill -9 (webhook deliveries)"
                : "every notification sent exactly once (webhook deliveries per event id)");
        for (UUID id : orders) {
            OrderFacts order = replay.orders.get(id);
            if (order == null) {
                continue;
            }
            order.notifiedEvents.forEach((eventId, type) -> {
                int deliveries = state.webhookDeliveries().getOrDefault(eventId, 0);
                boolean ok = instanceKilled ? deliveries >= 1 : deliveries == 1;
                check.expect(ok, id + " " + type + " " + eventId + " delivered " + deliveries + " times");
            });
        }
        return check;
    }

    static Check noStepTwice(Replay replay, Collection<UUID> orders) {
        Check check = new Check("no saga step twice: one reservation per line, one authorisation request, "
                + "one decision per order");
        for (UUID id : orders) {
            OrderFacts order = replay.orders.get(id);
            if (order == null) {
                continue;
            }
            for (String sku : order.lines.keySet()) {
                Reservation r = replay.reservations.get(new Hold(sku, id));
                check.expect(r == null || r.reservedEvents <= 1, id + " " + sku + " reserved "
                        + (r == null ? 0 : r.reservedEvents) + " times");
            }
            String paymentId = replay.paymentOfOrder.get(id);
            check.expect(paymentId == null || replay.count("PaymentAuthorizationRequested", paymentId) <= 1,
                    id + " requested authorisation more than once");
            check.expect(order.count("OrderConfirmed") + order.count("OrderRejected") <= 1
                    && order.count("OrderPlaced") == 1, id + " events " + order.types);
        }
        return check;
    }

    static Check outOfStockOnlyWhenOut(Replay replay, Collection<UUID> orders) {
        Check check = new Check("OUT_OF_STOCK only when a reservation was refused for lack of stock");
        for (UUID id : orders) {
            OrderFacts order = replay.orders.get(id);
            if (order != null && "OUT_OF_STOCK".equals(order.rejectionReason)) {
                check.expect(replay.refusedForLackOfStock.contains(id), id + " rejected OUT_OF_STOCK but no "
                        + "StockReservationRejected with requested > available");
            }
        }
        return check;
    }

    /** A reservation of one SKU for one order. */
    record Hold(String sku, UUID orderId) {
    }

    /** Quantities of one hold, as its events say. */
    static final class Reservation {
        long reserved;
        long released;
        long committed;
        int reservedEvents;

        long open() {
            return reserved - released - committed;
        }
    }

    /** An order as its events say. */
    static final class OrderFacts {
        String status;
        long totalCents;
        long lastSequence = -1;
        String rejectionReason;
        final Map<String, Integer> lines = new HashMap<>();
        final Map<String, String> notifiedEvents = new HashMap<>();
        final List<String> types = new ArrayList<>();

        int count(String type) {
            return (int) types.stream().filter(type::equals).count();
        }
    }

    /** The events replayed into orders, holds, stock and payments: the "fresh rebuild" the read models must equal. */
    static final class Replay {
        final Map<UUID, OrderFacts> orders = new HashMap<>();
        final Map<Hold, Reservation> reservations = new HashMap<>();
        final Map<String, Long> onHandBySku = new HashMap<>();
        final Map<String, Long> reservedBySku = new HashMap<>();
        final Map<UUID, String> paymentOfOrder = new HashMap<>();
        final Set<UUID> refusedForLackOfStock = new HashSet<>();
        private final Map<String, Integer> paymentEvents = new HashMap<>();

        int count(String type, String paymentId) {
            return paymentEvents.getOrDefault(type + "/" + paymentId, 0);
        }

        static Replay of(List<StoredEvent> events) {
            Replay replay = new Replay();
            for (StoredEvent event : events) {
                JsonNode p = event.payload();
                String type = event.type();
                if (STATUS_AFTER.containsKey(type)) {
                    UUID id = UUID.fromString(p.path("orderId").asString());
                    OrderFacts order = replay.orders.computeIfAbsent(id, ignored -> new OrderFacts());
                    order.status = STATUS_AFTER.get(type);
                    order.lastSequence = Math.max(order.lastSequence, event.sequence());
                    order.types.add(type);
                    if (type.equals("OrderPlaced")) {
                        order.totalCents = p.path("total").path("cents").asLong();
                        p.path("lines").forEach(line -> order.lines.merge(line.path("sku").asString(),
                                line.path("quantity").asInt(), Integer::sum));
                    } else if (type.equals("OrderRejected")) {
                        order.rejectionReason = p.path("reason").asString();
                    }
                    if (NOTIFIED.contains(type)) {
                        order.notifiedEvents.put(event.eventId(), type);
                    }
                    continue;
                }
                switch (type) {
                    case "ProductCreated" -> {
                        replay.onHandBySku.put(p.path("sku").asString(), p.path("initialStock").asLong());
                        replay.reservedBySku.put(p.path("sku").asString(), 0L);
                    }
                    case "StockRestocked", "StockReserved", "StockReleased", "StockCommitted" -> {
                        String sku = p.path("sku").asString();
                        replay.onHandBySku.put(sku, p.path("onHand").asLong());
                        replay.reservedBySku.put(sku, p.path("reserved").asLong());
                        if (!type.equals("StockRestocked")) {
                            Reservation r = replay.reservations.computeIfAbsent(
                                    new Hold(sku, UUID.fromString(p.path("orderId").asString())),
                                    ignored -> new Reservation());
                            long quantity = p.path("quantity").asLong();
                            switch (type) {
                                case "StockReserved" -> {
                                    r.reserved += quantity;
                                    r.reservedEvents++;
                                }
                                case "StockReleased" -> r.released += quantity;
                                default -> r.committed += quantity;
                            }
                        }
                    }
                    case "StockReservationRejected" -> {
                        if (p.path("requested").asLong() > p.path("available").asLong()) {
                            replay.refusedForLackOfStock.add(UUID.fromString(p.path("orderId").asString()));
                        }
                    }
                    default -> {
                        if (type.startsWith("Payment") && p.has("paymentId")) {
                            String paymentId = p.path("paymentId").asString();
                            replay.paymentEvents.merge(type + "/" + paymentId, 1, Integer::sum);
                            if (type.equals("PaymentAuthorizationRequested")) {
                                replay.paymentOfOrder.put(UUID.fromString(p.path("orderId").asString()), paymentId);
                            }
                        }
                    }
                }
            }
            return replay;
        }
    }
}
