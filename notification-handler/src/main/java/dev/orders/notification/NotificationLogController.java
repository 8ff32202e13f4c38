package dev.orders.notification;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.Role;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** The notification log: what was sent, skipped or failed, per order. */
@ConditionalOnRole(Role.NOTIFICATION)
@RestController
public class NotificationLogController {

    private final NotificationLog notificationLog;

    NotificationLogController(NotificationLog notificationLog) {
        this.notificationLog = notificationLog;
    }

    /** The order's notifications, oldest first; deliveries still in progress are not shown yet. */
    @GetMapping("/api/v1/notifications")
    public Mono<List<NotificationLogEntry>> list(@RequestParam(required = false) String orderId) {
        return notificationLog.findByOrder(orderId(orderId)).collectList();
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
