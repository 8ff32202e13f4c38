package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The read model and change log as the projection would leave them, without a database. */
final class InMemoryOrderStore implements OrderReadModel, OrderChangeLog {

    private final Map<UUID, OrderView> views = new ConcurrentHashMap<>();
    private final List<OrderChange> changes = new CopyOnWriteArrayList<>();

    /** What one projection transaction writes: the new view and its change row. */
    synchronized OrderChange record(OrderView view) {
        views.put(view.orderId(), view);
        OrderChange change = new OrderChange(changes.size() + 1L, view.orderId(), view.customerId(), view.version(),
                view);
        changes.add(change);
        return change;
    }

    @Override
    public Mono<OrderView> find(UUID orderId) {
        return Mono.fromSupplier(() -> views.get(orderId));
    }

    @Override
    public Flux<OrderView> list(String customerId, OrderStatus status, Instant from, Instant to,
                                OrderCursor cursor, int limit) {
        Comparator<OrderView> newestFirst = Comparator.comparing(OrderView::placedAt)
                .thenComparing(OrderView::orderId).reversed();
        return Flux.fromIterable(views.values())
                .filter(view -> customerId == null || view.customerId().equals(customerId))
                .filter(view -> status == null || view.status() == status)
                .filter(view -> from == null || !view.placedAt().isBefore(from))
                .filter(view -> to == null || view.placedAt().isBefore(to))
                .filter(view -> cursor == null
                        || newestFirst.compare(view, new OrderView(cursor.orderId(), "", OrderStatus.PLACED,
                        List.of(), 0, "EUR", null, null, null, cursor.placedAt(), cursor.placedAt(), 0)) > 0)
                .sort(newestFirst)
                .take(limit);
    }

    @Override
    public Mono<Long> lastPosition() {
        return Mono.just((long) changes.size());
    }

    @Override
    public Flux<OrderChange> after(long position, int limit) {
        return Flux.fromIterable(changes).filter(change -> change.position() > position).take(limit);
    }

    @Override
    public Flux<OrderChange> forOrderAfter(UUID orderId, long sequence) {
        return Flux.fromIterable(changes)
                .filter(change -> change.orderId().equals(orderId) && change.sequence() > sequence);
    }

    @Override
    public Flux<OrderChange> allAfter(long position) {
        return Flux.fromIterable(changes).filter(change -> change.position() > position);
    }

    @Override
    public Flux<OrderChange> forCustomerAfter(String customerId, long position) {
        return Flux.fromIterable(changes)
                .filter(change -> change.customerId().equals(customerId) && change.position() > position);
    }
}
