package dev.orders.faults;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** {@code kill -9} of the instance at random moments while orders are placed; restarted each time. */
final class CrashScenario {

    private CrashScenario() {
    }

    static ScenarioResult run(Cluster cluster, Form form, long seed) throws Exception {
        ScenarioResult result = new ScenarioResult("crash");
        Random random = new Random(seed);
        AppInstance app = cluster.first();
        try (Load load = cluster.load(seed)) {
            Thread placing = Threads.start("crash-load",
                    () -> load.place(form.crashOrders(), form.rate()));
            double loadSeconds = form.crashOrders() / form.rate();
            double slot = loadSeconds / form.crashKills();
            for (int k = 0; k < form.crashKills(); k++) {
                // One kill at a random moment within each slot of the load, so kills spread over the whole run.
                Pause.of(Duration.ofMillis((long) (1000 * slot * (0.2 + 0.6 * random.nextDouble()))));
                int status = app.kill();
                result.kill();
                result.fault("kill -9 (exit " + status + ")");
                Pause.of(Duration.ofMillis(random.nextInt(2000)));
                app.start(Cluster.START_TIMEOUT);
            }
            placing.join();
            load.awaitAnswered(Duration.ofMinutes(5));
            List<UUID> orders = load.placed().stream().map(Load.Placed::orderId).toList();
            result.orders(orders.size());
            result.figure("retriedRequests", load.retries());
            result.figure("serverErrorsDuringFaults", load.serverErrors());
            result.figure("followUps", load.steps());
            result.check(notLost(load));
            result.checks(cluster.settle(orders, form.settleTimeout()));
        }
        return result;
    }

    /** Every order the client sent was accepted in the end (the client retries through restarts). */
    static Check notLost(Load load) {
        Check check = new Check("every order a client sent was accepted, retrying with its Idempotency-Key");
        load.placed().forEach(placed -> check.expect(true, ""));
        for (int i = 0; i < load.failed(); i++) {
            check.expect(false, "an order was never accepted after retrying for minutes");
        }
        return check;
    }
}
