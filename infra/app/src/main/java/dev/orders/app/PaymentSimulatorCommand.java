package dev.orders.app;

import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar orders.jar payment-simulator [--port=8089]}: only the payment-provider simulator, for deployments
 * that split the roles and still want the test cards (compose, the Kubernetes dev overlay). Runs until stopped.
 */
final class PaymentSimulatorCommand {

    private PaymentSimulatorCommand() {
    }

    static int run(String[] args, Map<String, String> env) throws InterruptedException {
        int port = Integer.parseInt(env.getOrDefault("ORDERS_PAYMENT_SIMULATOR_PORT", "8089"));
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else {
                System.err.println("Usage: payment-simulator [--port=8089]");
                return 2;
            }
        }
        // Other containers call it: listen on every interface, not only on loopback as in tests.
        PaymentProviderSimulator simulator = PaymentProviderSimulator.startOnAllInterfaces(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-stop"));
        System.out.println("Payment-provider SIMULATOR on port " + simulator.port()
                + " (test tokens tok_approve, tok_decline, tok_slow, tok_flaky)");
        // The server's threads are daemons: without this wait the JVM would exit at once.
        stopped.await();
        return 0;
    }
}
