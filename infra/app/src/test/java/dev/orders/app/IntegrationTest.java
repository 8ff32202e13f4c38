package dev.orders.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the end-to-end tests: the whole application on a random port, against the real PostgreSQL, Kafka broker
 * and payment-provider simulator that every test class in this JVM shares (so Spring reuses one context).
 * BlockHound watches the whole test run (see {@link OrdersBlockHoundIntegration}): a blocking call on a Netty or
 * parallel thread fails the request and so the test.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestSpans.Exporter.class)
public abstract class IntegrationTest {

    static final PaymentProviderSimulator SIMULATOR;
    /** The SMTP server customer e-mails go to. */
    static final GreenMail SMTP;

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SIMULATOR = PaymentProviderSimulator.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(SIMULATOR::close, "simulator-stop"));
        SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SMTP::stop, "smtp-stop"));
    }

    /** The operator account the application creates at start. */
    static final String OPS_EMAIL = "ops@orders.test";
    static final String OPS_PASSWORD = "operator-password-for-tests";
    /** The one browser origin the tests' configuration allows. */
    static final String ALLOWED_ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    protected WebTestClient http;
    protected OrdersClient orders;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PostgresServer postgres = TestPostgres.shared();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("PAYMENT_PROVIDER_URL", SIMULATOR::baseUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("orders.kafka.bootstrap-servers", () -> TestKafka.shared().bootstrapServers());
        // Some tests use the slow card on purpose; with the default window their time-outs would open the circuit
        // for whichever test runs next. The breaker itself is proven in PaymentProviderClientTest.
        registry.add("orders.payment.circuit-breaker.sliding-window-size", () -> "1000");
        registry.add("orders.payment.circuit-breaker.minimum-calls", () -> "1000");
        // Stock items are snapshotted often, so that every test also writes snapshots (StockSnapshotIT reads them).
        registry.add("orders.inventory.snapshot-every", () -> "5");
        registry.add("orders.security.jwt.secret", () -> TestTokens.SECRET);
        // Cheap hashes: tests register many accounts; the strength itself is configuration.
        registry.add("orders.security.bcrypt-strength", () -> "4");
        registry.add("orders.security.bootstrap.ops-email", () -> OPS_EMAIL);
        registry.add("orders.security.bootstrap.ops-password", () -> OPS_PASSWORD);
        registry.add("orders.security.cors.allowed-origins", () -> ALLOWED_ORIGIN);
        // Tests place orders in bursts; the budgets themselves are proven in SecurityIT and RateLimitFilterTest.
        registry.add("orders.security.rate-limit.writes-per-second", () -> "100000");
        registry.add("orders.security.rate-limit.write-burst", () -> "100000");
        registry.add("orders.security.rate-limit.logins-per-minute", () -> "100000");
        // Background gauges (lag, sagas, orders by status) follow the tests' orders within a second.
        registry.add("orders.metrics.refresh-interval", () -> "1s");
        // Tracing on, into memory (TestSpans), exported in small steps so that tests see spans soon after they end.
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "50ms");
    }

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestTokens.staff())
                .build();
        orders = new OrdersClient(http, "http://localhost:" + port);
    }
}
