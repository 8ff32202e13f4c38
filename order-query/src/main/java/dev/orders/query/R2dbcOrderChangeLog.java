package dev.orders.query;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.r2dbc.spi.Row;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The change log over the non-blocking pool. */
@ConditionalOnRole(InstanceRole.QUERY)
@Component
final class R2dbcOrderChangeLog implements OrderChangeLog {

    private static final String SELECT = "SELECT position, order_id, customer_id, sequence, view::text AS view "
            + "FROM order_query.order_changes ";

    private final DatabaseClient client;

    R2dbcOrderChangeLog(DatabaseClient client) {
        this.client = client;
    }

    @Override
    public Mono<Long> lastPosition() {
        return client.sql("SELECT COALESCE(MAX(position), 0) AS last FROM order_query.order_changes")
                .map((row, metadata) -> row.get("last", Long.class))
                .one();
    }

    @Override
    public Flux<OrderChange> after(long position, int limit) {
        return client.sql(SELECT + "WHERE position > :position ORDER BY position LIMIT :limit")
                .bind("position", position)
                .bind("limit", limit)
                .map((row, metadata) -> change(row))
                .all();
    }

    @Override
    public Flux<OrderChange> forOrderAfter(UUID orderId, long sequence) {
        return client.sql(SELECT + "WHERE order_id = :orderId AND sequence > :sequence ORDER BY sequence")
                .bind("orderId", orderId)
                .bind("sequence", sequence)
                .map((row, metadata) -> change(row))
                .all();
    }

    @Override
    public Flux<OrderChange> allAfter(long position) {
        return client.sql(SELECT + "WHERE position > :position ORDER BY position")
                .bind("position", position)
                .map((row, metadata) -> change(row))
                .all();
    }

    @Override
    public Flux<OrderChange> forCustomerAfter(String customerId, long position) {
        return client.sql(SELECT + "WHERE customer_id = :customerId AND position > :position ORDER BY position")
                .bind("customerId", customerId)
                .bind("position", position)
                .map((row, metadata) -> change(row))
                .all();
    }

    private static OrderChange change(Row row) {
        return new OrderChange(row.get("position", Long.class), row.get("order_id", UUID.class),
                row.get("customer_id", String.class), row.get("sequence", Long.class),
                OrderViewJson.view(row.get("view", String.class)));
    }
}
