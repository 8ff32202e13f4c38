package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar orders.jar payment-simulator}: the simulator alone, as compose and the Kubernetes dev overlay run
 * it for the other containers, so it must answer on this machine's own address, not only on loopback.
 */
class PaymentSimulatorJarIT {

    private static final Path JAR = Path.of(System.getProperty("orders.jar", "target/orders.jar"));

    @Test
    void theSimulatorCommandAuthorisesOnEveryInterface() throws Exception {
        int port = AppProcess.freePort();
        String host = ownAddress();
        try (AppProcess simulator = AppProcess.startCommand("payment-simulator", JAR, Path.of("target", "role-split"),
                Map.of(), "payment-simulator", "--port=" + port)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest authorize = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
                            + "/v1/authorizations"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "simulator-jar-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"paymentId\":\"p-1\",\"amountCents\":1299,"
                            + "\"currency\":\"EUR\",\"token\":\"tok_approve\"}"))
                    .build();
            HttpResponse<String> answer = firstAnswer(http, authorize);

            assertThat(answer).as("answer from %s:%d; output:%n%s", host, port, simulator.tail()).isNotNull();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("AUTHORIZED");
            assertThat(simulator.output()).contains("Payment-provider SIMULATOR on port " + port);
        }
    }

    @Test
    void theSimulatorCommandStartsInTheGlobalFaultModeFromItsFlags() throws Exception {
        int port = AppProcess.freePort();
        try (AppProcess simulator = AppProcess.startCommand("payment-simulator-faults", JAR,
                Path.of("target", "role-split"), Map.of(), "payment-simulator", "--port=" + port,
                "--error-rate=1", "--latency-ms=0")) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> faults = firstAnswer(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/admin/faults")).build());
            assertThat(faults).as("output:%n%s", simulator.tail()).isNotNull();
            assertThat(faults.body()).contains("\"errorRate\":1.0");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/v1/authorizations"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "faulty-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"paymentId\":\"p-2\",\"amountCents\":1,"
                            + "\"currency\":\"EUR\",\"token\":\"tok_approve\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
        }
        try (AppProcess wrong = AppProcess.startCommand("payment-simulator-wrong", JAR,
                Path.of("target", "role-split"), Map.of(), "payment-simulator", "--error-rate=2")) {
            assertThat(wrong.awaitExit(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(wrong.output()).contains("Usage: payment-simulator");
        }
    }

    /**
     * The first answer to {@code request} once the just-started simulator listens, or null when it did not within a
     * minute (the caller's assertion then shows the process's output).
     */
    private static HttpResponse<String> firstAnswer(HttpClient http, HttpRequest request) {
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .ignoreException(ConnectException.class)
                    .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()), Objects::nonNull);
        } catch (ConditionTimeoutException notListening) {
            return null;
        }
    }

    /** An address of this machine other than loopback, or loopback when it has none. */
    private static String ownAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        return "127.0.0.1";
    }
}
