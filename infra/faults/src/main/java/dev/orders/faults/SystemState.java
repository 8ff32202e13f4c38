package dev.orders.faults;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the checks look at, read from outside the instances: the event store and the read models (read-only
 * JDBC), the payment provider's own records (over HTTP), and the webhook deliveries the suite received.
 */
record SystemState(List<StoredEvent> events, Map<UUID, OrderRow> orderView, Map<String, ProductRow> catalogue,
                   Map<String, Payment> payments, Map<String, Integer> webhookDeliveries) {

    /** A row of {@code order_query.orders}. */
    record OrderRow(UUID orderId, String status, long totalCents, long version, String rejectionReason) {
    }

    /** A row of {@code inventory.products}. */
    record ProductRow(String sku, long onHand, long reserved) {
    }

    /** A payment as the provider recorded it; {@code status} null when it never saw one. */
    record Payment(String status, long amountCents, int authorizations, int captures) {

        static final Payment NONE = new Payment(null, 0, 0, 0);
    }

    static SystemState read(Services services) throws SQLException, IOException {
        List<StoredEvent> events = new ArrayList<>();
        Map<UUID, OrderRow> orders = new HashMap<>();
        Map<String, ProductRow> products = new HashMap<>();
        try (Connection connection = services.connection(); Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            try (ResultSet rows = statement.executeQuery("select globalindex, eventidentifier, type, "
                    + "aggregateidentifier, sequencenumber, payloadtype, convert_from(payload, 'UTF8') "
                    + "from axon.domainevententry order by globalindex")) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getLong(5), StoredEvent.simpleName(rows.getString(6)),
                            Http.JSON.readTree(rows.getString(7))));
                }
            }
            try (ResultSet rows = statement.executeQuery("select order_id, status, total_cents, version, "
                    + "rejection_reason from order_query.orders")) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    orders.put(id, new OrderRow(id, rows.getString(2), rows.getLong(3), rows.getLong(4),
                            rows.getString(5)));
                }
            }
            try (ResultSet rows = statement.executeQuery("select sku, on_hand, reserved from inventory.products")) {
                while (rows.next()) {
                    products.put(rows.getString(1), new ProductRow(rows.getString(1), rows.getLong(2),
                            rows.getLong(3)));
                }
            }
        }
        Map<String, Payment> payments = new HashMap<>();
        Map<String, Integer> deliveries = new HashMap<>();
        Http http = new Http(Duration.ofSeconds(10));
        for (StoredEvent event : events) {
            if (event.type().equals("PaymentAuthorizationRequested")) {
                String paymentId = event.payload().path("paymentId").asString();
                Http.Answer answer = http.send("GET", services.payments().baseUrl() + "/v1/payments/" + paymentId,
                        null, null, Map.of());
                payments.put(paymentId, answer.status() == 404 ? Payment.NONE : new Payment(
                        answer.json().path("status").asString(), answer.json().path("amountCents").asLong(),
                        answer.json().path("authorizations").asInt(), answer.json().path("captures").asInt()));
            }
            deliveries.put(event.eventId(), services.webhooks().deliveries(event.eventId()));
        }
        return new SystemState(events, orders, products, payments, deliveries);
    }
}
