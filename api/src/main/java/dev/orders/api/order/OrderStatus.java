package dev.orders.api.order;

/** Where an order is in its lifecycle. */
public enum OrderStatus {
    PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED, DELIVERED, REJECTED, CANCELLED;

    /** No further transition will ever happen. */
    public boolean isTerminal() {
        return this == DELIVERED || this == REJECTED || this == CANCELLED;
    }

    /** A customer or operator may still cancel the order. */
    public boolean isCancellable() {
        return this == PLACED || this == STOCK_RESERVED || this == CONFIRMED;
    }
}
