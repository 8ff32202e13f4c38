package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the query API shows it; {@code version} is the sequence number of the order's last applied event. */
public record OrderView(UUID orderId, String customerId, OrderStatus status, List<Line> lines, long totalCents,
                        String currency, RejectionReason rejectionReason, String rejectionDetail,
                        String cancellationReason, Instant placedAt, Instant updatedAt, long version) {

    public OrderView {
        lines = List.copyOf(lines);
    }

    /** One order line with the catalogue price it was placed at. */
    public record Line(String sku, int quantity, long unitPriceCents, long lineTotalCents) {
    }
}
