package dev.orders.app;

import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import dev.orders.testkit.paymentsim.SimulatedFaults;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar orders.jar payment-simulator [--port=8089] [--error-rate=0.3] [--latency-ms=2000]}: only the
 * payment-provider simulator, for deployments that split the roles and still want the test cards (compose, the
 * Kubernetes dev overlay), optionally in its global fault mode ({@code PUT /admin/faults} changes it later). Runs until
 * stopped.
 */
final class PaymentSimulatorCommand {

    private PaymentSimulatorCommand() {
    }

    static int run(String[] args, Map<String, String> env) throws InterruptedException {
        int port = Integer.parseInt(env.getOrDefault("ORDERS_PAYMENT_SIMULATOR_PORT", "8089"));
        double errorRate = 0;
        long latencyMillis = 0;
        SimulatedFaults faults;
        try {
            for (String arg : args) {
                if (arg.startsWith("--port=")) {
                    port = Integer.parseInt(arg.substring("--port=".length()));
                } else if (arg.startsWith("--error-rate=")) {
                    errorRate = Double.parseDouble(arg.substring("--error-rate=".length()));
                } else if (arg.startsWith("--latency-ms=")) {
                    latencyMillis = Long.parseLong(arg.substring("--latency-ms=".length()));
                } else {
                    return usage();
                }
            }
            faults = SimulatedFaults.of(errorRate, latencyMillis);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            return usage();
        }
        // Other containers call it: listen on every interface, not only on loopback as in tests.
        PaymentProviderSimulator simulator = PaymentProviderSimulator.builder().port(port).allInterfaces()
                .faults(faults).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-stop"));
        System.out.println("Payment-provider SIMULATOR on port " + simulator.port()
                + " (test tokens tok_approve, tok_decline, tok_slow, tok_flaky)"
                + (faults.active() ? "; faults: " + faults.errorRate() + " of calls answer 503, "
                        + faults.latency().toMillis() + " ms added latency" : ""));
        // The server's threads are daemons: without this wait the JVM would exit at once.
        stopped.await();
        return 0;
    }

    private static int usage() {
        System.err.println("Usage: payment-simulator [--port=8089] [--error-rate=0..1] [--latency-ms=0]");
        return 2;
    }
}
