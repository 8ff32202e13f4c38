package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The order views over the non-blocking pool. */
@ConditionalOnRole(InstanceRole.QUERY)
@Component
final class R2dbcOrderReadModel implements OrderReadModel {

    private static final String SELECT = "SELECT " + OrderRows.COLUMNS + " FROM order_query.orders";

    private final DatabaseClient client;

    R2dbcOrderReadModel(DatabaseClient client) {
        this.client = client;
    }

    @Override
    public Mono<OrderView> find(UUID orderId) {
        return client.sql(SELECT + " WHERE order_id = :orderId")
                .bind("orderId", orderId)
                .map((row, metadata) -> OrderRows.view(row::get))
                .one();
    }

    @Override
    public Flux<OrderView> list(String customerId, OrderStatus status, Instant from, Instant to,
                                OrderCursor cursor, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE TRUE");
        Map<String, Object> values = new LinkedHashMap<>();
        if (customerId != null) {
            sql.append(" AND customer_id = :customerId");
            values.put("customerId", customerId);
        }
        if (status != null) {
            sql.append(" AND status = :status");
            values.put("status", status.name());
        }
        if (from != null) {
            sql.append(" AND placed_at >= :from");
            values.put("from", utc(from));
        }
        if (to != null) {
            sql.append(" AND placed_at < :to");
            values.put("to", utc(to));
        }
        if (cursor != null) {
            // Row comparison matches the (placed_at DESC, order_id DESC) index order exactly.
            sql.append(" AND (placed_at, order_id) < (:cursorPlacedAt, :cursorOrderId)");
            values.put("cursorPlacedAt", utc(cursor.placedAt()));
            values.put("cursorOrderId", cursor.orderId());
        }
        sql.append(" ORDER BY placed_at DESC, order_id DESC LIMIT :limit");
        values.put("limit", limit);
        DatabaseClient.GenericExecuteSpec spec = client.sql(sql.toString());
        for (Map.Entry<String, Object> value : values.entrySet()) {
            spec = spec.bind(value.getKey(), value.getValue());
        }
        return spec.map((row, metadata) -> OrderRows.view(row::get)).all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
