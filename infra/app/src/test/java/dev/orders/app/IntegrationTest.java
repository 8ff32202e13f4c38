package dev.orders.app;

import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.blockhound.BlockHound;

/**
 * Base of the end-to-end tests: the whole application on a random port, against the real PostgreSQL and
 * payment-provider simulator that every test class in this JVM shares (so Spring reuses one context).
 * BlockHound is installed for the whole JVM: a blocking call on a Netty or parallel thread fails the test.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    static final PaymentProviderSimulator SIMULATOR;

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
        BlockHoundSetup.install();
        SIMULATOR = PaymentProviderSimulator.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(SIMULATOR::close, "simulator-stop"));
    }

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
    }

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        orders = new OrdersClient(http, "http://localhost:" + port);
    }

    /** Keeps BlockHound's installation in one place; installing twice is harmless. */
    static final class BlockHoundSetup {
        private static boolean installed;

        static synchronized void install() {
            if (!installed) {
                // install(...) also loads the Reactor and Netty integrations that mark their threads non-blocking.
                // The allowances are one-off initialisations: Hibernate Validator reading its message bundle
                // from a jar, and Jackson building a type's deserializer under a short lock the first time.
                BlockHound.install(builder -> builder
                        .allowBlockingCallsInside(
                                "org.hibernate.validator.resourceloading.PlatformResourceBundleLocator", "loadBundle")
                        .allowBlockingCallsInside(
                                "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer"));
                installed = true;
            }
        }
    }
}
