package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Maps an {@code order_query.orders} row to a view, whether read through JDBC or R2DBC. */
final class OrderRows {

    /** The columns {@link #view} expects, in a form both drivers decode the same way. */
    static final String COLUMNS = "order_id, customer_id, status, lines::text AS lines, total_cents, currency, "
            + "rejection_reason, rejection_detail, cancellation_reason, placed_at, updated_at, version";

    /** Typed access to one row's columns by name; JDBC's may throw {@code SQLException}, R2DBC's do not. */
    interface Columns<E extends Exception> {
        <T> T get(String name, Class<T> type) throws E;
    }

    private OrderRows() {
    }

    static <E extends Exception> OrderView view(Columns<E> row) throws E {
        String rejectionReason = row.get("rejection_reason", String.class);
        return new OrderView(
                row.get("order_id", UUID.class),
                row.get("customer_id", String.class),
                OrderStatus.valueOf(row.get("status", String.class)),
                OrderViewJson.lines(row.get("lines", String.class)),
                row.get("total_cents", Long.class),
                row.get("currency", String.class),
                rejectionReason == null ? null : RejectionReason.valueOf(rejectionReason),
                row.get("rejection_detail", String.class),
                row.get("cancellation_reason", String.class),
                row.get("placed_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant(),
                row.get("version", Long.class));
    }
}
