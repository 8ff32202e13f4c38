package dev.orders.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system's promises, checked after a run from the outside (HTTP and read-only JDBC): every order settles,
 * no stock goes negative or is over-reserved, and the stock held in reservations is exactly what the
 * confirmed orders hold.
 */
final class Invariants {

    private final List<Map<String, Object>> checks = new ArrayList<>();
    private int violations;

    void record(String name, boolean ok, String detail) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("check", name);
        check.put("ok", ok);
        check.put("detail", detail);
        checks.add(check);
        if (!ok) {
            violations++;
        }
    }

    void skipped(String name, String why) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("check", name);
        check.put("ok", null);
        check.put("detail", "skipped: " + why);
        checks.add(check);
    }

    int violations() {
        return violations;
    }

    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("violations", violations);
        figures.put("checks", checks);
        return figures;
    }

    /** onHand ≥ 0, reserved ≥ 0 and reserved ≤ onHand for every product in the catalogue. */
    void checkStock(List<Catalogue.Product> products) {
        List<String> bad = new ArrayList<>();
        for (Catalogue.Product product : products) {
            if (product.onHand() < 0 || product.reserved() < 0 || product.reserved() > product.onHand()) {
                bad.add(product.sku() + " onHand=" + product.onHand() + " reserved=" + product.reserved());
            }
        }
        record("stock never negative nor over-reserved", bad.isEmpty(),
                bad.isEmpty() ? products.size() + " products checked"
                        : bad.size() + " products violate it, e.g. " + bad.subList(0, Math.min(10, bad.size())));
    }

    /**
     * For SKUs only the harness uses: reserved stock (catalogue) equals the quantities of CONFIRMED orders
     * (order view); rejected orders must have released theirs. Compared only when no such order is in flight.
     */
    void checkReservations(List<Catalogue.Product> benchProducts, Map<String, Long> confirmedQuantities,
                           long ordersInFlight) {
        String name = "reserved stock = quantities of confirmed orders (harness SKUs)";
        if (ordersInFlight > 0) {
            skipped(name, ordersInFlight + " orders on these SKUs are still PLACED/STOCK_RESERVED");
            return;
        }
        List<String> bad = new ArrayList<>();
        Map<String, Long> remaining = new HashMap<>(confirmedQuantities);
        for (Catalogue.Product product : benchProducts) {
            long held = remaining.getOrDefault(product.sku(), 0L);
            remaining.remove(product.sku());
            if (held != product.reserved()) {
                bad.add(product.sku() + " reserved=" + product.reserved() + " confirmed orders hold " + held);
            }
        }
        remaining.forEach((sku, held) -> bad.add(sku + " is not in the catalogue but confirmed orders hold " + held));
        record(name, bad.isEmpty(), bad.isEmpty() ? benchProducts.size() + " SKUs match"
                : bad.size() + " SKUs differ, e.g. " + bad.subList(0, Math.min(10, bad.size())));
    }
}
