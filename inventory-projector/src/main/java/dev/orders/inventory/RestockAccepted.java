package dev.orders.inventory;

/** A restock was recorded; the catalogue shows it shortly after. */
public record RestockAccepted(String sku, int quantity) {
}
