package dev.orders.platform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.platform.security.SecurityProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

class RateLimitFilterTest {

    /** Stands in for the authentication filter: the principal comes from a request header. */
    private static final WebFilter PRINCIPAL = (exchange, chain) -> {
        String user = exchange.getRequest().getHeaders().getFirst("X-Test-User");
        return user == null ? chain.filter(exchange)
                : chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withAuthentication(
                        new TestingAuthenticationToken(user, null, List.of())));
    };

    private final WebTestClient client = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                    .POST("/api/v1/orders", request -> ServerResponse.accepted().build())
                    .GET("/api/v1/orders", request -> ServerResponse.ok().build())
                    .POST("/api/v1/auth/login", request -> ServerResponse.ok().build())
                    .build())
            .webFilter(PRINCIPAL, new RateLimitFilter(new SecurityProperties.RateLimit(0.5, 2, 3)))
            .build();

    @Test
    void eachPrincipalHasItsOwnWriteBudgetAndIsToldWhenToRetry() {
        post("alice").expectStatus().isAccepted();
        post("alice").expectStatus().isAccepted();
        post("alice").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:orders:problem:rate-limited");
        post("bob").expectStatus().isAccepted();
        // Reads are not budgeted.
        client.get().uri("/api/v1/orders").header("X-Test-User", "alice").exchange().expectStatus().isOk();
    }

    @Test
    void anonymousWritesAndAccountRequestsAreBudgetedPerAddress() {
        for (int i = 0; i < 3; i++) {
            client.post().uri("/api/v1/auth/login").exchange().expectStatus().isOk();
        }
        client.post().uri("/api/v1/auth/login").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "20");
    }

    @Test
    void bucketsRefillAtTheSustainedRate() {
        AtomicLong nanos = new AtomicLong();
        TokenBuckets buckets = new TokenBuckets(2.0, 1, nanos::get);
        assertThat(buckets.take("k")).isZero();
        assertThat(buckets.take("k")).isEqualTo(Duration.ofMillis(500));
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(buckets.take("k")).isZero();
        assertThat(buckets.take("other")).isZero();
        assertThat(buckets.size()).isEqualTo(2);
    }

    private WebTestClient.ResponseSpec post(String user) {
        return client.post().uri("/api/v1/orders").header("X-Test-User", user).exchange();
    }
}
