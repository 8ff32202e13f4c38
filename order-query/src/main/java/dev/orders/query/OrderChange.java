package dev.orders.query;

import java.util.UUID;

/** One row of the change log: the order's new view after its event {@code sequence}, at log {@code position}. */
record OrderChange(long position, UUID orderId, String customerId, long sequence, OrderView view) {
}
