package dev.orders.inventory;

/** A product as the catalogue shows it; {@code available} is what can still be reserved. */
public record ProductView(String sku, String name, long priceCents, String currency, int onHand, int reserved,
                          int available) {

    static ProductView of(String sku, String name, long priceCents, String currency, int onHand, int reserved) {
        return new ProductView(sku, name, priceCents, currency, onHand, reserved, onHand - reserved);
    }
}
