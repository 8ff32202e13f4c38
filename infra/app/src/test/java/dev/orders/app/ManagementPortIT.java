package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.platform.security.ManagementPort;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With a separate management port (as the image and manifests run it), Prometheus scrapes that port without a token,
 * while the API port keeps every rule: metrics are the operators' there, and the API needs tokens.
 */
class ManagementPortIT {

    private static PaymentProviderSimulator provider;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        PostgresServer database = TestPostgres.freshDatabase("management_port");
        provider = PaymentProviderSimulator.start(0);
        app = new SpringApplicationBuilder(OrdersApplication.class, PrivateNettyResources.class)
                .properties(Map.of(
                        "PORT", "0",
                        "management.server.port", "0",
                        "ORDERS_JWT_SECRET", TestTokens.SECRET,
                        "spring.datasource.url", database.jdbcUrl(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(),
                        "PAYMENT_PROVIDER_URL", provider.baseUrl(),
                        "KAFKA_BOOTSTRAP_SERVERS", TestKafka.shared().bootstrapServers()))
                .run();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void prometheusScrapesTheManagementPortWithoutATokenButNotTheApiPort() {
        WebTestClient management = client(app.getBean(ManagementPort.class).port());
        WebTestClient api = client(((WebServerApplicationContext) app).getWebServer().getPort());

        management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
        management.get().uri("/api/v1/orders").headers(headers -> headers.setBearerAuth(TestTokens.staff()))
                .exchange().expectStatus().isNotFound();

        api.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        // The actuator lives on the management port only.
        api.get().uri("/actuator/prometheus").headers(headers -> headers.setBearerAuth(TestTokens.staff()))
                .exchange().expectStatus().isNotFound();
        api.get().uri("/api/v1/orders").exchange().expectStatus().isUnauthorized();
        api.get().uri("/api/v1/orders").headers(headers -> headers.setBearerAuth(TestTokens.staff())).exchange()
                .expectStatus().isOk();
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }
}
