package dev.orders.api.order;

/** Why the system refused an order it had accepted. */
public enum RejectionReason {
    OUT_OF_STOCK, PAYMENT_DECLINED, PAYMENT_UNAVAILABLE, TIMED_OUT
}
