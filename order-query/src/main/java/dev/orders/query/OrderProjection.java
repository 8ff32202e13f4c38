package dev.orders.query;

import dev.orders.api.order.OrderEvent;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code order_query.orders} and its change log in step with the order events. Runs inside Axon's JDBC
 * transaction, so the view, the change row, the notification and the token commit together. Idempotent: an event
 * at or below the stored version is skipped, and a change row is written at most once per (order, sequence).
 */
@ConditionalOnRole(InstanceRole.QUERY)
@Component
@ProcessingGroup(OrderProjection.PROCESSING_GROUP)
class OrderProjection {

    static final String PROCESSING_GROUP = "order-view";
    static final String CHANNEL = "order_changes";

    private static final Logger log = LoggerFactory.getLogger(OrderProjection.class);

    private static final String FIND = "SELECT " + OrderRows.COLUMNS + " FROM " + OrderRows.TABLE
            + " WHERE order_id = :orderId";

    private static final String UPSERT = OrderRows.upsert(OrderRows.TABLE);

    private static final String RECORD_CHANGE = """
            INSERT INTO order_query.order_changes (order_id, customer_id, sequence, status, view, changed_at)
            VALUES (:orderId, :customerId, :version, :status, CAST(:view AS jsonb), :updatedAt)
            ON CONFLICT (order_id, sequence) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;

    OrderProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrderEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        OrderView current = find(event.orderId());
        OrderView next = OrderViews.applyIfNew(current, event, sequence, timestamp);
        if (next == current) {
            if (current == null) {
                // Cannot happen with an intact event stream; retrying would not help, so leave a trace and move on.
                log.warn("Skipping {} #{} for order {}: no view yet", event.getClass().getSimpleName(), sequence,
                        event.orderId());
            }
            return;
        }
        MapSqlParameterSource parameters = OrderRows.parameters(next);
        jdbc.update(UPSERT, parameters);
        if (jdbc.update(RECORD_CHANGE, parameters) > 0) {
            // Delivered by PostgreSQL on commit, so listeners never see a change before it is readable.
            jdbc.getJdbcOperations().execute("SELECT pg_notify('" + CHANNEL + "', '')");
        }
    }

    /** A rebuild recomputes every view; the change log is history and stays (its inserts are idempotent). */
    @ResetHandler
    void reset() {
        jdbc.getJdbcOperations().update("DELETE FROM order_query.orders");
    }

    private OrderView find(UUID orderId) {
        List<OrderView> views = jdbc.query(FIND, new MapSqlParameterSource("orderId", orderId),
                (rs, rowNum) -> OrderRows.view(rs::getObject));
        return views.isEmpty() ? null : views.get(0);
    }
}
