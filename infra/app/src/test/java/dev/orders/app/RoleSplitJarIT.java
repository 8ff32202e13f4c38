package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The split deployment, for real: the built jar in six JVMs (command, query, inventory, notification, and the saga
 * role twice) on one PostgreSQL and one Kafka broker. Orders go in at the command instance and are seen confirmed,
 * shipped and delivered at the query instance; the customer's webhook is called by the notification instance; the
 * two saga instances split the saga's segments between them through the token store. Runs after {@code package}
 * (failsafe), on the jar that {@code orders.jar} points at.
 */
class RoleSplitJarIT {

    private static final Path JAR = Path.of(System.getProperty("orders.jar", "target/orders.jar"));
    private static final Path LOGS = Path.of("target", "role-split");
    private static final int ORDERS = 8;

    private static PostgresServer database;
    private static PaymentProviderSimulator provider;
    private static HttpServer webhooks;
    private static final Queue<String> webhookEvents = new ConcurrentLinkedQueue<>();
    private static final Map<String, AppProcess> instances = new TreeMap<>();

    @BeforeAll
    static void startTheSplitDeployment() throws IOException {
        assertThat(JAR).as("the packaged jar (run through mvn verify)").isRegularFile();
        database = TestPostgres.freshDatabase("role_split");
        provider = PaymentProviderSimulator.start(0);
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/hooks", exchange -> {
            webhookEvents.add(exchange.getRequestHeaders().getFirst("X-Orders-Event-Type"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhooks.start();

        Map<String, String> common = Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.shared().bootstrapServers(),
                "PAYMENT_PROVIDER_URL", provider.baseUrl(),
                "ORDERS_JWT_SECRET", TestTokens.SECRET,
                "ORDERS_NOTIFICATIONS_CONSUMER_GROUPID", "role-split-" + UUID.randomUUID(),
                // Two saga instances share four saga segments and four provider segments: two threads each, one
                // per segment of an instance's share.
                "ORDERS_SAGA_THREADS", "2",
                "ORDERS_PAYMENT_PROVIDER_THREADS", "2");
        for (String name : List.of("command", "query", "inventory", "notification", "saga-a", "saga-b")) {
            Map<String, String> environment = new HashMap<>(common);
            environment.put("ORDERS_ROLES", name.replaceAll("-.*", ""));
            instances.put(name, AppProcess.start(name, JAR, LOGS, environment));
        }
        instances.values().forEach(instance -> instance.awaitReady(Duration.ofMinutes(3)));
    }

    @AfterAll
    static void stop() {
        instances.values().forEach(AppProcess::close);
        if (webhooks != null) {
            webhooks.stop(0);
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void ordersFlowThroughInstancesOfDifferentRolesAndTwoSagaInstancesShareTheWork() throws Exception {
        OrdersClient inventory = client("inventory");
        OrdersClient command = client("command");
        OrdersClient query = client("query");
        WebTestClient notification = http("notification");

        String sku = "SPLIT-" + UUID.randomUUID().toString().substring(0, 8);
        inventory.createProduct(sku, 1250, 100);
        notification.put().uri("/api/v1/notifications/contacts/{id}", "split-customer")
                .headers(headers -> headers.setBearerAuth(TestTokens.customer("split-customer")))
                .bodyValue(Map.of("webhookUrl", "http://127.0.0.1:" + webhooks.getAddress().getPort() + "/hooks"))
                .exchange().expectStatus().isOk();

        List<UUID> orders = new ArrayList<>();
        List<Long> confirmationMillis = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            long placed = System.nanoTime();
            UUID orderId = command.place("split-customer", "split-" + i, Map.of(sku, 1), "tok_approve");
            query.awaitStatus(orderId, "CONFIRMED");
            confirmationMillis.add((System.nanoTime() - placed) / 1_000_000);
            orders.add(orderId);
        }
        System.out.println("Place to CONFIRMED across instances, ms: " + confirmationMillis);

        UUID first = orders.get(0);
        command.step(first, "ship", HttpStatus.ACCEPTED);
        query.awaitStatus(first, "SHIPPED");
        command.step(first, "deliver", HttpStatus.ACCEPTED);
        assertThat(query.awaitStatus(first, "DELIVERED")).containsEntry("totalCents", 1250);
        assertThat(inventory.awaitStock(sku, 100 - 1, ORDERS - 1)).containsEntry("available", 100 - ORDERS);

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(webhookEvents)
                .filteredOn("dev.orders.order.OrderConfirmed"::equals).hasSize(ORDERS));
        assertThat(webhookEvents).contains("dev.orders.order.OrderShipped", "dev.orders.order.OrderDelivered");

        Set<Long> sagaPids = Set.of(instances.get("saga-a").pid(), instances.get("saga-b").pid());
        Map<Integer, String> sagaOwners = owners("OrderFulfilmentSagaProcessor");
        assertThat(sagaOwners).as("saga segments and their owners").hasSize(4);
        assertThat(sagaOwners.values().stream().collect(Collectors.groupingBy(RoleSplitJarIT::pid,
                        Collectors.counting())))
                .as("each saga instance owns two segments").isEqualTo(Map.of(
                        instances.get("saga-a").pid(), 2L, instances.get("saga-b").pid(), 2L));
        assertThat(owners("payment-provider").values().stream().map(RoleSplitJarIT::pid)
                .collect(Collectors.toSet())).isEqualTo(sagaPids);
        assertThat(advancedSegments("OrderFulfilmentSagaProcessor")).as("every saga segment read the events")
                .isEqualTo(4);
        assertThat(owners("order-view").values()).extracting(RoleSplitJarIT::pid)
                .containsExactly(instances.get("query").pid());
        assertThat(owners("kafka-publisher").values()).extracting(RoleSplitJarIT::pid).isSubsetOf(sagaPids);
    }

    @Test
    void anInstanceWithoutItsRequiredSettingsStopsWithOneClearMessage() throws Exception {
        try (AppProcess incomplete = AppProcess.start("saga-without-settings", JAR, LOGS,
                Map.of("ORDERS_ROLES", "saga"))) {
            assertThat(incomplete.awaitExit(Duration.ofMinutes(1))).isNotZero();
            assertThat(incomplete.output())
                    .contains("APPLICATION FAILED TO START")
                    .contains("Orders (roles saga) cannot start: required settings are missing:")
                    .contains("- SPRING_DATASOURCE_URL (or DATABASE_URL)")
                    .contains("- KAFKA_BOOTSTRAP_SERVERS")
                    .contains("- PAYMENT_PROVIDER_URL")
                    .contains("- ORDERS_JWT_SECRET (or ORDERS_JWT_JWKS_URI)")
                    .doesNotContain("Embedded PostgreSQL");
        }
    }

    /** Segment → owner ({@code pid@host}) of a processor's tokens. */
    private static Map<Integer, String> owners(String processor) throws SQLException {
        Map<Integer, String> owners = new TreeMap<>();
        try (Connection connection = connection();
             var statement = connection.prepareStatement(
                     "select segment, owner from axon.tokenentry where processorname = ? and owner is not null")) {
            statement.setString(1, processor);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    owners.put(rows.getInt(1), rows.getString(2));
                }
            }
        }
        return owners;
    }

    private static int advancedSegments(String processor) throws SQLException {
        try (Connection connection = connection();
             var statement = connection.prepareStatement("select count(*) from axon.tokenentry "
                     + "where processorname = ? and token is not null")) {
            statement.setString(1, processor);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static long pid(String owner) {
        return Long.parseLong(owner.substring(0, owner.indexOf('@')));
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static OrdersClient client(String instance) {
        return new OrdersClient(http(instance), instances.get(instance).baseUrl());
    }

    private static WebTestClient http(String instance) {
        return WebTestClient.bindToServer().baseUrl(instances.get(instance).baseUrl())
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

}
