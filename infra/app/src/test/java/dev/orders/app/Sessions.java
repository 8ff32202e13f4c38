package dev.orders.app;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Accounts as a client gets them: registered and logged in through the API, never minted. */
final class Sessions {

    private final String baseUrl;
    private final WebTestClient anonymous;

    Sessions(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.anonymous = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** No token at all. */
    WebTestClient anonymous() {
        return anonymous;
    }

    /** A client that sends the token with every request. */
    WebTestClient as(Session session) {
        return anonymous.mutate().defaultHeader("Authorization", "Bearer " + session.accessToken()).build();
    }

    /** Registers a new customer and logs in. */
    Session newCustomer(String name) {
        String email = OrdersClient.unique(name) + "@example.com";
        String password = "correct horse battery " + name;
        Map<?, ?> account = anonymous.post().uri("/api/v1/auth/register")
                .bodyValue(Map.of("email", email, "password", password)).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return login(email, password).withId((String) account.get("id"));
    }

    Session login(String email, String password) {
        Map<?, ?> tokens = anonymous.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", email, "password", password)).exchange()
                .expectStatus().isEqualTo(HttpStatus.OK)
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> me = anonymous.get().uri("/api/v1/auth/me")
                .header("Authorization", "Bearer " + tokens.get("accessToken")).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return new Session((String) me.get("id"), email, password, (String) tokens.get("accessToken"),
                (String) tokens.get("refreshToken"));
    }

    String baseUrl() {
        return baseUrl;
    }

    /** One logged-in account; {@code id} is its customer id. */
    record Session(String id, String email, String password, String accessToken, String refreshToken) {

        Session withId(String accountId) {
            if (!accountId.equals(id)) {
                throw new IllegalStateException("Token subject " + id + " is not the registered account " + accountId);
            }
            return this;
        }
    }
}
