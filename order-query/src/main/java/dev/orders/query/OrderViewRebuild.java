package dev.orders.query;

import dev.orders.api.order.OrderEvent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The order view as a rebuild target: the same fold and the same upsert as {@link OrderProjection}, but a page at a
 * time (one read of the page's orders, one batch of writes) and without the change log, which is history and keeps
 * its positions.
 */
final class OrderViewRebuild implements RebuildTarget {

    private static final Set<String> PAYLOAD_TYPES = Arrays.stream(OrderEvent.class.getPermittedSubclasses())
            .map(Class::getName)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public String name() {
        return OrderProjection.PROCESSING_GROUP;
    }

    @Override
    public String table() {
        return OrderRows.TABLE;
    }

    @Override
    public Set<String> payloadTypes() {
        return PAYLOAD_TYPES;
    }

    @Override
    public void apply(NamedParameterJdbcTemplate jdbc, String table, List<ReplayedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<UUID, OrderView> views = new LinkedHashMap<>();
        List<UUID> ids = events.stream().map(event -> ((OrderEvent) event.payload()).orderId()).distinct().toList();
        jdbc.query("SELECT " + OrderRows.COLUMNS + " FROM " + table + " WHERE order_id IN (:ids)",
                new MapSqlParameterSource("ids", ids),
                row -> {
                    OrderView view = OrderRows.view(row::getObject);
                    views.put(view.orderId(), view);
                });
        Map<UUID, OrderView> changed = new LinkedHashMap<>();
        for (ReplayedEvent replayed : events) {
            OrderEvent event = (OrderEvent) replayed.payload();
            OrderView current = views.get(event.orderId());
            OrderView next = OrderViews.applyIfNew(current, event, replayed.sequence(), replayed.timestamp());
            if (next != current) {
                views.put(event.orderId(), next);
                changed.put(event.orderId(), next);
            }
        }
        jdbc.batchUpdate(OrderRows.upsert(table), changed.values().stream()
                .map(OrderRows::parameters)
                .toArray(SqlParameterSource[]::new));
    }
}
