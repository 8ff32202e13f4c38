package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A customer who registered an e-mail address and a webhook hears about each step of the order over Kafka: e-mails
 * arrive at the SMTP server, webhooks at a real HTTP endpoint, signed with the secret the registration returned.
 */
class CustomerNotificationIT extends IntegrationTest {

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final DisposableServer ENDPOINT = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.post("/hooks/{customer}", (request, response) -> request.receive().aggregate()
                    .asByteArray()
                    .doOnNext(body -> RECEIVED.add(new Received(request.param("customer"),
                            request.requestHeaders().get("X-Orders-Event-Type"),
                            request.requestHeaders().get("X-Orders-Signature"), body)))
                    .then(response.status(HttpStatus.NO_CONTENT.value()).send().then())))
            .bindNow();

    @AfterAll
    static void stopEndpoint() {
        ENDPOINT.disposeNow();
    }

    private record Received(String customer, String type, String signature, byte[] body) {

        boolean signedWith(String secret) throws Exception {
            String[] parts = signature.split(",");
            String timestamp = parts[0].substring("t=".length());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return parts[1].equals("v1=" + HexFormat.of().formatHex(mac.doFinal(body)));
        }
    }

    private List<Received> receivedBy(String customer) {
        return RECEIVED.stream().filter(received -> received.customer().equals(customer)).toList();
    }

    @Test
    void registeredCustomerGetsAnEmailAndASignedWebhookForConfirmationAndShipment() throws Exception {
        String sku = OrdersClient.unique("NOTIFY");
        orders.createProduct(sku, 500, 3);
        String customer = OrdersClient.unique("notified");
        Map<String, Object> contact = http.put().uri("/api/v1/notifications/contacts/{id}", customer)
                .headers(headers -> headers.setBearerAuth(TestTokens.customer(customer)))
                .bodyValue(Map.of("email", customer + "@example.com",
                        "webhookUrl", "http://127.0.0.1:" + ENDPOINT.port() + "/hooks/" + customer))
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        String secret = (String) contact.get("webhookSecret");

        UUID orderId = orders.place(customer, "notify-1", Map.of(sku, 1), "tok_approve");
        orders.awaitStatus(orderId, "CONFIRMED");
        orders.step(orderId, "ship", HttpStatus.ACCEPTED);

        await().atMost(Duration.ofSeconds(30)).until(() -> receivedBy(customer).size() == 2);
        assertThat(receivedBy(customer)).extracting(Received::type)
                .containsExactly("dev.orders.order.OrderConfirmed", "dev.orders.order.OrderShipped");
        for (Received received : receivedBy(customer)) {
            assertThat(received.signedWith(secret)).isTrue();
            assertThat(new String(received.body(), StandardCharsets.UTF_8)).contains("\"orderId\":\"" + orderId);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(customer + "@example.com").size() == 2);
        assertThat(mailsTo(customer + "@example.com"))
                .allSatisfy(mail -> assertThat(GreenMailUtil.getBody(mail)).contains(orderId.toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> log(orderId).size() == 4);
        assertThat(log(orderId)).extracting(entry -> entry.get("channel") + " " + entry.get("status"))
                .containsExactlyInAnyOrder("EMAIL SENT", "EMAIL SENT", "WEBHOOK SENT", "WEBHOOK SENT");
    }

    private static List<MimeMessage> mailsTo(String address) throws MessagingException {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            if (Arrays.stream(mail.getAllRecipients()).anyMatch(to -> to.toString().equals(address))) {
                mails.add(mail);
            }
        }
        return mails;
    }

    private List<Map<String, Object>> log(UUID orderId) {
        return http.get().uri("/api/v1/notifications?orderId={id}", orderId).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }
}
