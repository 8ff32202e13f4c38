package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client that keeps one HTTP/1.1 connection open gets every answer, also when quick refusals follow answers that
 * needed the database: the pattern that made Reactor Netty stop reading the connection (see KeepAliveGuardFilter).
 */
class KeepAliveIT extends IntegrationTest {

    @Test
    void oneKeepAliveConnectionAnswersEveryRequestInAMixOfSlowAndQuickAnswers() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://localhost:" + port + "/api/v1/orders";
        String token = "Bearer " + TestTokens.customer(OrdersClient.unique("keepalive"));
        UUID unknown = UUID.randomUUID();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(status(client, base + "/" + unknown, token));
            answers.add(status(client, base + "/" + unknown + "?asOf=not-a-time", token));
            answers.add(status(client, base + "?limit=1", token));
            answers.add(status(client, base, null));
        }
        assertThat(answers).hasSize(240).containsOnly("404", "400", "200", "401");
        assertThat(answers.subList(0, 4)).containsExactly("404", "400", "200", "401");
    }

    private static String status(HttpClient client, String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).GET();
        if (token != null) {
            request.header("Authorization", token);
        }
        try {
            return Integer.toString(client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (java.net.http.HttpTimeoutException e) {
            return "no answer to " + uri;
        }
    }
}
