package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The fulfilment time-out is a row in PostgreSQL, not a timer in memory: an instance stops while an order waits for
 * a provider that never answers, and the next instance on the same database fires the deadline and rejects it.
 * Runs on a database of its own so that no other instance in this JVM can claim the deadline.
 */
class DeadlineRestartIT {

    private static final String DATABASE = "deadline_restart";

    private static PaymentProviderSimulator silentProvider;
    private static PostgresServer database;

    @BeforeAll
    static void infrastructure() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        database = TestPostgres.freshDatabase(DATABASE);
        // Authorisations are answered only after a minute: the order can only end by its time-out.
        silentProvider = PaymentProviderSimulator.start(0, Duration.ofMinutes(1), 0);
    }

    @AfterAll
    static void stopProvider() {
        silentProvider.close();
    }

    @Test
    void fulfilmentTimeOutFiresOnTheNextInstanceAfterARestart() {
        UUID orderId;
        String sku = OrdersClient.unique("RESTART");
        try (ConfigurableApplicationContext first = startInstance()) {
            OrdersClient client = client(first);
            client.createProduct(sku, 700, 4);
            orderId = client.place("restarter", "restart-1", Map.of(sku, 1), "tok_slow");
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "select count(*) from axon.scheduled_tasks where task_name = 'AxonDeadline'", Integer.class))
                    .isPositive());
        }
        assertThat(rejections(orderId)).as("rejected before the restart").isZero();

        try (ConfigurableApplicationContext second = startInstance()) {
            Map<String, Object> view = client(second).awaitStatus(orderId, "REJECTED");

            assertThat(view).containsEntry("rejectionReason", "TIMED_OUT");
            client(second).awaitStock(sku, 4, 0);
        }
    }

    private static ConfigurableApplicationContext startInstance() {
        return new SpringApplicationBuilder(OrdersApplication.class, PrivateNettyResources.class)
                .properties(Map.of(
                        // Default properties rank below application.yml: where it reads a variable (PORT,
                        // PAYMENT_PROVIDER_URL, KAFKA_BOOTSTRAP_SERVERS), set the variable.
                        "PORT", "0",
                        "ORDERS_JWT_SECRET", TestTokens.SECRET,
                        "spring.datasource.url", database.jdbcUrl(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(),
                        "PAYMENT_PROVIDER_URL", silentProvider.baseUrl(),
                        "KAFKA_BOOTSTRAP_SERVERS", TestKafka.shared().bootstrapServers(),
                        "orders.fulfilment.timeout", "PT4S",
                        // Longer than the time-out, so that the provider call is still pending when it fires.
                        "orders.payment.time-limit", "PT30S"))
                .run();
    }

    private static OrdersClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String baseUrl = "http://localhost:" + port;
        return new OrdersClient(WebTestClient.bindToServer().baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30)).build(), baseUrl);
    }

    private static int rejections(UUID orderId) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
             var statement = connection.prepareStatement("select count(*) from axon.domainevententry "
                     + "where aggregateidentifier = ? and payloadtype like '%OrderRejected'")) {
            statement.setString(1, orderId.toString());
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
