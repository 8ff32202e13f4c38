package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricsIT extends IntegrationTest {

    @Test
    void dump() {
        String sku = OrdersClient.unique("METRICS");
        orders.createProduct(sku, 700, 10);
        UUID approved = orders.place(OrdersClient.unique("metrics"), "approved", Map.of(sku, 1), "tok_approve");
        UUID declined = orders.place(OrdersClient.unique("metrics"), "declined", Map.of(sku, 1), "tok_decline");
        orders.awaitStatus(approved, "CONFIRMED");
        orders.awaitStatus(declined, "REJECTED");
        String text = orders.web().get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class)
                .block(Duration.ofSeconds(30));
        System.out.println("SCRAPE-SIZE " + text.length());
        new Scrape(text).families().forEach(f -> System.out.println("FAMILY " + f));
        text.lines().filter(l -> l.startsWith("orders_") || l.startsWith("resilience4j_circuitbreaker_state")
                || l.startsWith("http_client_requests_seconds_count") || l.startsWith("eventProcessor_latency")).forEach(l -> System.out.println("LINE " + l));
        assertThat(text).isNotEmpty();
    }
}
