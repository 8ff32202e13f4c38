package dev.orders.query;

import dev.orders.api.error.NotFoundException;
import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderStatus;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import dev.orders.platform.security.CallerIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Reads orders: one order, a filtered page of orders, and an order's event history. */
@ConditionalOnRole(InstanceRole.QUERY)
@RestController
@RequestMapping("/api/v1/orders")
public class OrderQueryController {

    private final OrderReadModel orders;
    private final OrderLookup lookup;
    private final OrderHistory history;
    private final CallerIdentity callerIdentity;

    OrderQueryController(OrderReadModel orders, OrderLookup lookup, OrderHistory history,
                         CallerIdentity callerIdentity) {
        this.orders = orders;
        this.lookup = lookup;
        this.history = history;
        this.callerIdentity = callerIdentity;
    }

    /**
     * The order now, or with {@code asOf} as it was at that instant, rebuilt from its events. Someone else's order
     * answers 404, as if it did not exist.
     */
    @GetMapping("/{id}")
    public Mono<OrderView> order(@PathVariable String id, @RequestParam(required = false) String asOf) {
        return Mono.defer(() -> {
            UUID orderId = RequestParameters.orderId(id);
            Instant at = RequestParameters.time("asOf", asOf);
            Mono<OrderView> view = at == null ? lookup.find(orderId)
                    : history.asOf(orderId, at)
                            .switchIfEmpty(Mono.error(() -> new NotFoundException("order", orderId + " at " + at)));
            return callerIdentity.caller().flatMap(caller -> view
                    .doOnNext(found -> caller.requireReadable(found.customerId(), "order", orderId)));
        });
    }

    /**
     * Newest first. Customers see their own orders; operators and analysts every customer's, or one customer's with
     * {@code customerId}.
     */
    @GetMapping
    public Mono<OrderPage> orders(@RequestParam(required = false) String customerId,
                                  @RequestParam(required = false) String status,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) String limit) {
        return Mono.defer(() -> {
            OrderStatus wantedStatus = RequestParameters.status(status);
            Instant fromTime = RequestParameters.time("from", from);
            Instant toTime = RequestParameters.time("to", to);
            if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
                throw new ServerWebInputException("from must be before to");
            }
            OrderCursor after = RequestParameters.cursor(cursor);
            int pageSize = RequestParameters.limit(limit);
            Mono<Optional<String>> customer = callerIdentity.caller()
                    .map(caller -> caller.readScope(RequestParameters.isBlank(customerId) ? null : customerId));
            return customer.flatMap(who -> orders
                    .list(who.orElse(null), wantedStatus, fromTime, toTime, after, pageSize + 1)
                    .collectList()
                    .map(found -> page(found, pageSize)));
        });
    }

    /** The order's events as stored, payment tokens left out; someone else's order answers 404. */
    @GetMapping("/{id}/history")
    public Mono<List<OrderHistoryEntry>> history(@PathVariable String id) {
        return Mono.defer(() -> {
                    UUID orderId = RequestParameters.orderId(id);
                    return callerIdentity.caller().flatMap(caller -> history.of(orderId)
                            .doOnNext(entries -> caller.requireReadable(
                                    ((OrderEvent) entries.get(0).payload()).customerId(), "order", orderId)));
                })
                .map(entries -> entries.stream()
                        .map(entry -> new OrderHistoryEntry(entry.sequence(), entry.type(), entry.timestamp(),
                                Redaction.tree(entry.payload())))
                        .toList());
    }

    /** One row beyond the page tells whether there is a next page without a count query. */
    private static OrderPage page(List<OrderView> found, int pageSize) {
        if (found.size() <= pageSize) {
            return new OrderPage(found, null);
        }
        List<OrderView> items = found.subList(0, pageSize);
        return new OrderPage(List.copyOf(items), OrderCursor.after(items.get(pageSize - 1)).encode());
    }
}
