package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The gauge {@code orders.by.status} (tags {@code status}, and {@code reason}: the rejection reason, {@code none}
 * for any other status): orders in the read model per status. Every status and every rejection reason is shown,
 * with 0 where no order is. Counted over R2DBC, so it never holds a JDBC or event-loop thread while waiting.
 */
final class OrderStatusMetrics {

    static final String GAUGE = "orders.by.status";
    static final String NO_REASON = "none";
    private static final String COUNT = "select status, rejection_reason, count(*) as orders "
            + "from order_query.orders group by status, rejection_reason";

    private final DatabaseClient database;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> shown = new ConcurrentHashMap<>();

    OrderStatusMetrics(DatabaseClient database, MeterRegistry meters) {
        this.database = database;
        this.meters = meters;
        for (OrderStatus status : OrderStatus.values()) {
            if (status == OrderStatus.REJECTED) {
                for (RejectionReason reason : RejectionReason.values()) {
                    gauge(status.name(), reason.name());
                }
            } else {
                gauge(status.name(), NO_REASON);
            }
        }
    }

    Mono<Void> refresh() {
        return database.sql(COUNT)
                .map(row -> Map.entry(key(row.get("status", String.class), reason(row.get("rejection_reason",
                        String.class))), row.get("orders", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .doOnNext(counted -> {
                    counted.keySet().forEach(key -> shown.computeIfAbsent(key, this::gaugeFor));
                    shown.forEach((key, value) -> value.set(counted.getOrDefault(key, 0L)));
                })
                .then();
    }

    private static String reason(String reason) {
        return reason == null ? NO_REASON : reason;
    }

    private static String key(String status, String reason) {
        return status + "/" + reason;
    }

    private AtomicLong gaugeFor(String key) {
        int slash = key.indexOf('/');
        return register(key.substring(0, slash), key.substring(slash + 1));
    }

    private void gauge(String status, String reason) {
        shown.computeIfAbsent(key(status, reason), key -> register(status, reason));
    }

    private AtomicLong register(String status, String reason) {
        AtomicLong count = new AtomicLong();
        Gauge.builder(GAUGE, count, AtomicLong::get)
                .description("Orders in the read model with this status (and rejection reason)")
                .tags("status", status, "reason", reason)
                .register(meters);
        return count;
    }
}
