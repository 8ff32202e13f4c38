package dev.orders.faults;

import dev.orders.testkit.EmbeddedPostgresServer;
import dev.orders.testkit.kafka.EmbeddedKafkaBroker;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services the suite owns so that it can fault them: a durable PostgreSQL it can restart on the same data and
 * port, a Kafka broker it can stop and start, the payment simulator with its global fault mode, and the customers'
 * webhook endpoint.
 */
final class Services implements AutoCloseable {

    /** The tokens' key: fixed for the run, so customers' tokens stay valid across instance restarts. */
    static final String JWT_SECRET = "reliability-suite-signing-key-0123456789-abcdefghij";

    private final Path postgresData;
    private final int postgresPort;
    private EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final PaymentProviderSimulator payments;
    private final WebhookReceiver webhooks;

    private Services(Path postgresData, EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka,
                     PaymentProviderSimulator payments, WebhookReceiver webhooks) {
        this.postgresData = postgresData;
        this.postgres = postgres;
        this.postgresPort = postgres.port();
        this.kafka = kafka;
        this.payments = payments;
        this.webhooks = webhooks;
    }

    static Services start(Path workDirectory) {
        Path postgresData = workDirectory.resolve("postgres");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresData, 0, true);
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(workDirectory.resolve("kafka"), 0);
        PaymentProviderSimulator payments = PaymentProviderSimulator.start(0);
        return new Services(postgresData, postgres, kafka, payments, WebhookReceiver.start());
    }

    /** What every instance of the jar is given: these services, not its embedded ones. */
    Map<String, String> appEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ORDERS_EMBEDDED", "false");
        env.put("SPRING_DATASOURCE_URL", jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PAYMENT_PROVIDER_URL", payments.baseUrl());
        env.put("ORDERS_JWT_SECRET", JWT_SECRET);
        env.put("ORDERS_BOOTSTRAP_OPS_EMAIL", SuiteAccounts.OPS_EMAIL);
        env.put("ORDERS_BOOTSTRAP_OPS_PASSWORD", SuiteAccounts.OPS_PASSWORD);
        // The suite is one client placing thousands of orders, and it runs longer than a token lives.
        env.put("ORDERS_RATE_LIMIT_WRITES_PER_SECOND", "100000");
        env.put("ORDERS_RATE_LIMIT_WRITE_BURST", "100000");
        env.put("ORDERS_RATE_LIMIT_LOGINS_PER_MINUTE", "100000");
        env.put("ORDERS_ACCESS_TOKEN_TTL", "6h");
        env.put("ORDERS_SECURITY_BCRYPT_STRENGTH", "4");
        // A delivery cut off by a kill is claimed again after this, not after the default 2 minutes.
        env.put("ORDERS_NOTIFICATIONS_CONSUMER_CLAIMTIMEOUT", "15s");
        return env;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** Stops PostgreSQL (fast shutdown: sessions are cut) and starts it again on the same data and port. */
    synchronized void restartPostgres() {
        postgres.close();
        postgres = EmbeddedPostgresServer.start(postgresData, postgresPort, true);
    }

    EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    PaymentProviderSimulator payments() {
        return payments;
    }

    WebhookReceiver webhooks() {
        return webhooks;
    }

    @Override
    public void close() {
        webhooks.close();
        payments.close();
        kafka.close();
        postgres.close();
    }
}
