package dev.orders.api.order;

import dev.orders.api.Money;

/** One line of an order with the unit price taken from the catalogue when the order was placed. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
