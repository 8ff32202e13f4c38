package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Maps between {@code order_query.orders} rows and views, whether read through JDBC or R2DBC. */
final class OrderRows {

    /** The live table; a rebuild writes a copy of it with the same statements. */
    static final String TABLE = "order_query.orders";

    /** The columns {@link #view} expects, in a form both drivers decode the same way. */
    static final String COLUMNS = "order_id, customer_id, status, lines::text AS lines, total_cents, currency, "
            + "rejection_reason, rejection_detail, cancellation_reason, placed_at, updated_at, version";

    /** Typed access to one row's columns by name; JDBC's may throw {@code SQLException}, R2DBC's do not. */
    interface Columns<E extends Exception> {
        <T> T get(String name, Class<T> type) throws E;
    }

    private OrderRows() {
    }

    /**
     * Writes a view into {@code table} unless the row already reflects this or a later event (the version only moves
     * forward), with the parameters of {@link #parameters}.
     */
    static String upsert(String table) {
        return """
                INSERT INTO %1$s (order_id, customer_id, status, lines, total_cents, currency,
                    rejection_reason, rejection_detail, cancellation_reason, placed_at, updated_at, version)
                VALUES (:orderId, :customerId, :status, CAST(:lines AS jsonb), :totalCents, :currency,
                    :rejectionReason, :rejectionDetail, :cancellationReason, :placedAt, :updatedAt, :version)
                ON CONFLICT (order_id) DO UPDATE SET
                    status = EXCLUDED.status, lines = EXCLUDED.lines, total_cents = EXCLUDED.total_cents,
                    currency = EXCLUDED.currency, rejection_reason = EXCLUDED.rejection_reason,
                    rejection_detail = EXCLUDED.rejection_detail, cancellation_reason = EXCLUDED.cancellation_reason,
                    updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
                WHERE %1$s.version < EXCLUDED.version
                """.formatted(table);
    }

    /** The view's columns as named parameters, plus {@code view}: the whole view as JSON for the change log. */
    static MapSqlParameterSource parameters(OrderView view) {
        return new MapSqlParameterSource()
                .addValue("orderId", view.orderId())
                .addValue("customerId", view.customerId(), Types.VARCHAR)
                .addValue("status", view.status().name(), Types.VARCHAR)
                .addValue("lines", OrderViewJson.write(view.lines()), Types.VARCHAR)
                .addValue("totalCents", view.totalCents(), Types.BIGINT)
                .addValue("currency", view.currency(), Types.VARCHAR)
                .addValue("rejectionReason",
                        view.rejectionReason() == null ? null : view.rejectionReason().name(), Types.VARCHAR)
                .addValue("rejectionDetail", view.rejectionDetail(), Types.VARCHAR)
                .addValue("cancellationReason", view.cancellationReason(), Types.VARCHAR)
                .addValue("placedAt", utc(view.placedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("updatedAt", utc(view.updatedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("version", view.version(), Types.BIGINT)
                .addValue("view", OrderViewJson.write(view), Types.VARCHAR);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
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
