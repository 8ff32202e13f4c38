package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * Readiness names what keeps an instance from serving (a stalled event processor), only to operators, and shutting
 * down ends open SSE streams with a reconnect hint instead of cutting them or waiting out the grace period. Runs an
 * instance of its own, on a database of its own, with a short stall time, because it stalls a processor and stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessAndShutdownIT {

    private static final String DATABASE = "readiness";
    private static final Duration STALL_AFTER = Duration.ofSeconds(2);

    private static PostgresServer postgres;
    private static PaymentProviderSimulator provider;
    private static ConfigurableApplicationContext app;
    private static WebClient ops;
    private static WebClient anonymous;

    @BeforeAll
    static void instanceWithAShortStallTime() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        postgres = TestPostgres.freshDatabase(DATABASE);
        provider = PaymentProviderSimulator.start(0);
        app = new SpringApplicationBuilder(OrdersApplication.class, PrivateNettyResources.class)
                .properties(Map.of(
                        "PORT", "0",
                        "ORDERS_JWT_SECRET", TestTokens.SECRET,
                        "spring.datasource.url", postgres.jdbcUrl(),
                        "spring.datasource.username", postgres.username(),
                        "spring.datasource.password", postgres.password(),
                        "PAYMENT_PROVIDER_URL", provider.baseUrl(),
                        "KAFKA_BOOTSTRAP_SERVERS", TestKafka.shared().bootstrapServers(),
                        "ORDERS_HEALTH_PROCESSOR_STALL_AFTER", STALL_AFTER.toString()))
                .run();
        String baseUrl = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        anonymous = WebClient.builder().baseUrl(baseUrl).build();
        ops = anonymous.mutate().defaultHeader("Authorization", "Bearer " + TestTokens.staff()).build();
    }

    @AfterAll
    static void stopAll() {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    @Order(1)
    void isReadyWithEveryComponentUpAndShowsOperatorsWhichComponentsItChecked() {
        Readiness ready = awaitReadiness(ops, 200);
        assertThat(ready.body()).containsEntry("status", "UP");
        assertThat(components(ready)).containsOnlyKeys("readinessState", "db", "r2dbc", "kafka", "eventProcessors");
        Map<String, Object> processors = component(ready, "eventProcessors");
        assertThat(details(processors)).containsKeys("order-view", "inventory-catalogue", "kafka-publisher",
                "payment-provider", "OrderFulfilmentSagaProcessor");

        Readiness anonymousAnswer = readiness(anonymous);
        assertThat(anonymousAnswer.status()).isEqualTo(200);
        assertThat(anonymousAnswer.body()).as("no internals for anyone else").containsOnlyKeys("status");
        assertThat(readiness(ops, "/actuator/health/liveness").body()).containsOnlyKeys("status");
    }

    @Test
    @Order(2)
    void isNotReadyWhileAProcessorsTokenIsHeldBehindTheHead() throws Exception {
        awaitReadiness(ops, 200);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password())) {
            connection.setAutoCommit(false);
            // The catalogue cannot store its next token while this lock is held: it stands still behind the head.
            try (PreparedStatement lock = connection.prepareStatement(
                    "select * from axon.tokenentry where processorname = 'inventory-catalogue' for update");
                 ResultSet rows = lock.executeQuery()) {
                assertThat(rows.next()).as("the catalogue's token row").isTrue();
            }
            ops.post().uri("/api/v1/products")
                    .bodyValue(Map.of("sku", OrdersClient.unique("STALL"), "name", "Held back", "priceCents", 100,
                            "currency", "EUR", "initialStock", 1))
                    .retrieve().toBodilessEntity().block(Duration.ofSeconds(30));

            Readiness stalled = awaitReadiness(ops, 503);
            assertThat(stalled.body()).containsEntry("status", "DOWN");
            Map<String, Object> processors = component(stalled, "eventProcessors");
            assertThat(processors).containsEntry("status", "DOWN");
            @SuppressWarnings("unchecked")
            Map<String, Object> catalogue = (Map<String, Object>) details(processors).get("inventory-catalogue");
            assertThat(catalogue).containsEntry("status", "stalled").containsKey("stalledFor");
            assertThat(component(stalled, "db")).containsEntry("status", "UP");

            Readiness anonymousAnswer = readiness(anonymous);
            assertThat(anonymousAnswer.status()).isEqualTo(503);
            assertThat(anonymousAnswer.body()).containsOnlyKeys("status");
            assertThat(readiness(anonymous, "/actuator/health/liveness").status())
                    .as("a stalled processor is no reason to restart the JVM").isEqualTo(200);
            connection.rollback();
        }
        awaitReadiness(ops, 200);
    }

    @Test
    @Order(3)
    void shutdownEndsOpenStreamsWithARetryHintWellWithinTheGracePeriod() throws Exception {
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        AtomicReference<String> ending = new AtomicReference<>();
        Disposable stream = ops.get().uri("/api/v1/orders/updates").retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .subscribe(received::add, error -> ending.set("error: " + error), () -> ending.set("complete"));
        try {
            awaitTrue(() -> received.stream().anyMatch(event -> "ready".equals(event.event())), "the ready event");

            long start = System.nanoTime();
            app.close();
            Duration shutdown = Duration.ofNanos(System.nanoTime() - start);

            awaitTrue(() -> ending.get() != null, "the stream's end");
            assertThat(ending.get()).as("the stream completed rather than being cut").isEqualTo("complete");
            assertThat(received.get(received.size() - 1).retry()).isEqualTo(Duration.ofSeconds(3));
            // The grace period is 20 s (spring.lifecycle.timeout-per-shutdown-phase); an open stream must not hold it.
            assertThat(shutdown).isLessThan(Duration.ofSeconds(10));
        } finally {
            stream.dispose();
        }
    }

    private record Readiness(int status, Map<String, Object> body) {
    }

    private static Readiness readiness(WebClient client) {
        return readiness(client, "/actuator/health/readiness");
    }

    private static Readiness readiness(WebClient client, String path) {
        return client.get().uri(path)
                .exchangeToMono(response -> response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
                }).map(body -> new Readiness(response.statusCode().value(), body)))
                .block(Duration.ofSeconds(10));
    }

    private static Readiness awaitReadiness(WebClient client, int status) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Readiness last = readiness(client);
        while (last.status() != status && System.nanoTime() < deadline) {
            sleep(200);
            last = readiness(client);
        }
        assertThat(last.status()).as("readiness %s", last.body()).isEqualTo(status);
        return last;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components(Readiness readiness) {
        return (Map<String, Object>) readiness.body().get("components");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(Readiness readiness, String name) {
        return (Map<String, Object>) components(readiness).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> component) {
        return (Map<String, Object>) component.get("details");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
