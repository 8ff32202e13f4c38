package dev.orders.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Two instances of the jar on one PostgreSQL and Kafka share the saga's and the payment processor's segments;
 * one is killed with {@code kill -9} mid-load and the other must take over its segments and finish every order.
 */
final class ScaleOutScenario {

    static final String SAGA = "OrderFulfilmentSagaProcessor";
    static final String PAYMENTS = "payment-provider";

    private ScaleOutScenario() {
    }

    static ScenarioResult run(Cluster cluster, Form form, long seed) throws Exception {
        ScenarioResult result = new ScenarioResult("scaleout");
        AppInstance a = cluster.first();
        AppInstance b = cluster.newInstance("app-b", Map.of());
        b.start(Cluster.START_TIMEOUT);
        result.fault("second instance started");
        try (Load load = cluster.load(seed)) {
            Thread placing = Threads.start("scaleout-load", () -> load.place(form.scaleOutOrders(), form.rate()));
            // Owners change now and then (a processor that fails an event releases its claim and retries), so the
            // split is watched for a while: each processor must be seen owned by both instances at once.
            long watchUntil = System.nanoTime() + (long) (2e9 * form.scaleOutOrders() / form.rate() / 3);
            Map<String, Set<Long>> seen = new HashMap<>();
            Set<Long> both = Set.of(a.pid(), b.pid());
            while (System.nanoTime() < watchUntil) {
                for (String processor : List.of(SAGA, PAYMENTS)) {
                    Set<Long> owners = owners(cluster.services(), processor);
                    if (!both.equals(seen.get(processor))) {
                        seen.put(processor, owners);
                    }
                }
                Pause.of(Duration.ofMillis(500));
            }
            Check split = new Check("both instances own segments of " + SAGA + " and " + PAYMENTS + " at once");
            for (String processor : List.of(SAGA, PAYMENTS)) {
                split.expect(both.equals(seen.get(processor)), processor + " owned by " + seen.get(processor)
                        + " at best (instances " + a.pid() + ", " + b.pid() + ")");
            }
            result.check(split);
            int status = b.kill();
            result.kill();
            result.fault("kill -9 of one instance (exit " + status + ")");
            placing.join();
            load.awaitAnswered(Duration.ofMinutes(5));
            List<UUID> orders = load.placed().stream().map(Load.Placed::orderId).toList();
            result.orders(orders.size());
            result.figure("retriedRequests", load.retries());
            result.figure("followUps", load.steps());
            result.check(CrashScenario.notLost(load));
            result.checks(cluster.settle(orders, form.settleTimeout()));
            Check takenOver = new Check("the surviving instance owns every segment");
            for (String processor : List.of(SAGA, PAYMENTS)) {
                Set<Long> owners = owners(cluster.services(), processor);
                takenOver.expect(owners.equals(Set.of(a.pid())), processor + " owned by " + owners);
            }
            result.check(takenOver);
        }
        return result;
    }

    /** The process ids that own a segment of the processor ({@code owner} is {@code pid@host}). */
    static Set<Long> owners(Services services, String processor) throws Exception {
        Set<Long> owners = new HashSet<>();
        try (Connection connection = services.connection(); PreparedStatement statement = connection.prepareStatement(
                "select owner from axon.tokenentry where processorname = ? and owner is not null")) {
            statement.setString(1, processor);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String owner = rows.getString(1);
                    owners.add(Long.parseLong(owner.substring(0, owner.indexOf('@'))));
                }
            }
        }
        return owners;
    }
}
