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
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Duplicates from every side: one {@code Idempotency-Key} sent at once by many clients, the whole topic delivered
 * again to the notification consumer, and the order view rebuilt from the events.
 */
final class DuplicatesScenario {

    static final String TOPIC = "orders.events.v1";
    static final String GROUP = "orders-notifications";

    private DuplicatesScenario() {
    }

    static ScenarioResult run(Cluster cluster, Form form, long seed) throws Exception {
        ScenarioResult result = new ScenarioResult("duplicates");
        List<UUID> orders = new ArrayList<>();
        result.check(sameKeyOneOrder(cluster, form.duplicateClients(), seed, orders));
        result.fault(form.duplicateClients() + " concurrent requests with one Idempotency-Key");
        try (Load load = cluster.load(seed)) {
            load.place(form.duplicateOrders(), form.rate());
            load.awaitAnswered(Duration.ofMinutes(3));
            load.placed().forEach(placed -> orders.add(placed.orderId()));
        }
        result.orders(orders.size());
        List<Check> before = cluster.settle(orders, form.settleTimeout());
        result.figure("violationsBeforeRedelivery", Checks.violations(before));

        AppInstance app = cluster.first();
        app.close();
        long redelivered = rewindNotifications(cluster.services());
        result.fault("Kafka redelivered " + redelivered + " records to the notification consumer");
        app.start(Cluster.START_TIMEOUT);
        awaitConsumed(cluster.services(), Duration.ofMinutes(3));

        Map<UUID, String> viewBefore = orderView(cluster.services());
        result.check(rebuilt(cluster, viewBefore));
        result.fault("order view rebuilt from the events (" + viewBefore.size() + " orders)");
        result.checks(cluster.settle(orders, form.settleTimeout()));
        return result;
    }

    /** Many clients, one key, at the same moment: one order, and every client is told its id. */
    static Check sameKeyOneOrder(Cluster cluster, int clients, long seed, List<UUID> orders) throws Exception {
        Check check = new Check("one Idempotency-Key sent concurrently by " + clients + " clients: one order");
        SuiteAccounts.Customer customer = cluster.accounts().customers().get(0);
        String key = "same-key-" + seed;
        String body = Http.json(Map.of("lines", List.of(Map.of("sku", cluster.skus().get(0), "quantity", 1)),
                "paymentToken", "tok_approve"));
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clientsPool = Executors.newFixedThreadPool(clients);
        String url = cluster.first().baseUrl() + "/api/v1/orders";
        for (int i = 0; i < clients; i++) {
            clientsPool.execute(() -> {
                Http http = new Http(Duration.ofSeconds(30));
                try {
                    go.await();
                    Http.Answer answer = http.send("POST", url, customer.token(), body,
                            Map.of("Idempotency-Key", key));
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.ok()) {
                        ids.add(answer.json().path("orderId").asString());
                    }
                } catch (IOException | InterruptedException e) {
                    statuses.merge(-1, 1, Integer::sum);
                }
            });
        }
        go.countDown();
        clientsPool.shutdown();
        clientsPool.awaitTermination(2, TimeUnit.MINUTES);
        int placedEvents = countEvents(cluster.services(), "%OrderPlaced",
                dev.orders.api.Ids.orderId(customer.id(), key).toString());
        check.expect(ids.size() == 1 && statuses.getOrDefault(-1, 0) == 0
                        && statuses.keySet().stream().allMatch(status -> status >= 200 && status < 300),
                "answers " + statuses + " naming " + ids.size() + " order ids");
        check.expect(placedEvents == 1, placedEvents + " OrderPlaced events for the key");
        ids.forEach(id -> orders.add(UUID.fromString(id)));
        return check;
    }

    /** The order view after a rebuild from the events is the order view before it, row for row. */
    static Check rebuilt(Cluster cluster, Map<UUID, String> before) throws Exception {
        Check check = new Check("a rebuilt order view equals the live one");
        String base = cluster.first().baseUrl() + "/api/v1/admin/projections/order-view";
        String ops = cluster.accounts().operatorToken();
        Http.Answer started = cluster.http().send("POST", base + "/rebuild", ops, null, Map.of());
        check.expect(started.status() == 202, "rebuild answered " + started.status() + ": " + started.body());
        String state = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!state.equals("DONE") && !state.equals("FAILED") && System.nanoTime() < deadline) {
            Pause.of(Duration.ofMillis(500));
            state = cluster.http().send("GET", base, ops, null, Map.of()).json().path("state").asString();
        }
        check.expect(state.equals("DONE"), "rebuild ended " + state);
        Map<UUID, String> after = orderView(cluster.services());
        check.expect(after.size() == before.size(), before.size() + " rows before, " + after.size() + " after");
        before.forEach((id, row) -> check.expect(row.equals(after.get(id)), id + " was " + row + ", is "
                + after.get(id)));
        return check;
    }

    static Map<UUID, String> orderView(Services services) throws SQLException {
        Map<UUID, String> rows = new HashMap<>();
        try (Connection connection = services.connection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select order_id, concat_ws('|', customer_id, status, "
                     + "lines::text, total_cents, currency, rejection_reason, rejection_detail, cancellation_reason, "
                     + "placed_at, updated_at, version) from order_query.orders")) {
            while (result.next()) {
                rows.put(result.getObject(1, UUID.class), result.getString(2));
            }
        }
        return rows;
    }

    static int countEvents(Services services, String payloadType, String aggregateId) throws SQLException {
        try (Connection connection = services.connection(); var statement = connection.prepareStatement(
                "select count(*) from axon.domainevententry where payloadtype like ? and aggregateidentifier = ?")) {
            statement.setString(1, payloadType);
            statement.setString(2, aggregateId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Moves the (idle) notification group back to the start of the topic; answers how many records that replays. */
    static long rewindNotifications(Services services) throws Exception {
        try (Admin admin = admin(services)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(1, TimeUnit.MINUTES);
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            long records = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                if (entry.getKey().topic().equals(TOPIC)) {
                    long earliest = admin.listOffsets(Map.of(entry.getKey(), OffsetSpec.earliest())).all()
                            .get(1, TimeUnit.MINUTES).get(entry.getKey()).offset();
                    records += entry.getValue().offset() - earliest;
                    rewound.put(entry.getKey(), new OffsetAndMetadata(earliest));
                }
            }
            // The consumer of the stopped instance may take a few seconds to leave the group.
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(GROUP, rewound).all().get(1, TimeUnit.MINUTES);
                    return records;
                } catch (java.util.concurrent.ExecutionException stillMember) {
                    if (System.nanoTime() > deadline) {
                        throw stillMember;
                    }
                    Pause.of(Duration.ofSeconds(2));
                }
            }
        }
    }

    /** Waits until the notification group has committed the end of every partition again. */
    static void awaitConsumed(Services services, Duration timeout) throws Exception {
        try (Admin admin = admin(services)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get(1, TimeUnit.MINUTES);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().stream().filter(tp -> tp.topic().equals(TOPIC))
                        .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(1, TimeUnit.MINUTES);
                boolean caughtUp = !latest.isEmpty() && latest.keySet().stream()
                        .allMatch(tp -> committed.get(tp).offset() >= ends.get(tp).offset());
                if (caughtUp) {
                    return;
                }
                Pause.of(Duration.ofSeconds(2));
            }
        }
    }

    private static Admin admin(Services services) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers());
        return Admin.create(properties);
    }
}
