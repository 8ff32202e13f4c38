package dev.orders.faults;

import dev.orders.testkit.paymentsim.SimulatedFaults;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Outages of every dependency while orders are placed: PostgreSQL restarted, the Kafka broker stopped for a while,
 * the payment provider answering 30% 503 with 2 s latency. The instance is never touched: it must recover alone.
 */
final class OutageScenario {

    private OutageScenario() {
    }

    static ScenarioResult run(Cluster cluster, Form form, long seed) throws Exception {
        ScenarioResult result = new ScenarioResult("outages");
        AppInstance app = cluster.first();
        long pid = app.pid();
        Services services = cluster.services();
        try (Load load = cluster.load(seed)) {
            Thread placing = Threads.start("outage-load",
                    () -> load.place(form.outageOrders(), form.rate() / 2));
            Pause.of(Duration.ofSeconds(3));
            services.restartPostgres();
            result.fault("PostgreSQL restarted");
            Pause.of(Duration.ofSeconds(3));
            services.kafka().stop();
            Pause.of(form.kafkaDown());
            services.kafka().restart();
            result.fault("Kafka stopped " + form.kafkaDown().toSeconds() + " s");
            services.payments().faults(SimulatedFaults.of(0.3, 2000));
            Pause.of(form.paymentFaultWindow());
            services.payments().faults(SimulatedFaults.NONE);
            result.fault("payments 30% 503 + 2 s for " + form.paymentFaultWindow().toSeconds() + " s");
            placing.join();
            load.awaitAnswered(Duration.ofMinutes(5));
            List<UUID> orders = load.placed().stream().map(Load.Placed::orderId).toList();
            result.orders(orders.size());
            result.figure("retriedRequests", load.retries());
            result.figure("serverErrorsDuringFaults", load.serverErrors());
            result.figure("followUps", load.steps());
            result.check(CrashScenario.notLost(load));
            result.checks(cluster.settle(orders, form.settleTimeout()));
            result.check(recoveredAlone(cluster.http(), app, pid));
        }
        return result;
    }

    /** The same process (never restarted) is ready again. */
    static Check recoveredAlone(Http http, AppInstance app, long pid) {
        Check check = new Check("the instance recovered without manual action (same process, ready)");
        boolean ready;
        try {
            ready = http.send("GET", app.baseUrl() + "/actuator/health/readiness", null, null, Map.of()).ok();
        } catch (IOException e) {
            ready = false;
        }
        check.expect(app.alive() && app.pid() == pid && ready, "alive=" + app.alive() + " ready=" + ready);
        return check;
    }
}
