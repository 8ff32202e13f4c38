package dev.orders.notification;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import dev.orders.platform.security.CallerIdentity;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** The notification log: what was sent, skipped or failed, per order. */
@ConditionalOnRole(InstanceRole.NOTIFICATION)
@RestController
public class NotificationLogController {

    private final NotificationLog notificationLog;
    private final CallerIdentity callerIdentity;

    NotificationLogController(NotificationLog notificationLog, CallerIdentity callerIdentity) {
        this.notificationLog = notificationLog;
        this.callerIdentity = callerIdentity;
    }

    /**
     * The order's notifications, oldest first; deliveries still in progress are not shown yet. Customers see their
     * own orders' only: someone else's order answers 404, like everywhere else.
     */
    @GetMapping("/api/v1/notifications")
    public Mono<List<NotificationLogEntry>> list(@RequestParam(required = false) String orderId) {
        return Mono.fromCallable(() -> orderId(orderId))
                .flatMap(order -> callerIdentity.caller().flatMap(caller -> notificationLog.findByOrder(order)
                        .collectList()
                        .doOnNext(entries -> entries.forEach(entry ->
                                caller.requireReadable(entry.customerId(), "order", order)))));
    }

    static UUID orderId(String value) {
        if (value == null || value.isBlank()) {
            throw new ServerWebInputException("orderId is required");
        }
        try {
            UUID id = UUID.fromString(value.trim());
            if (id.toString().equalsIgnoreCase(value.trim())) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ServerWebInputException("orderId must be a UUID, got '" + value + "'");
    }
}
