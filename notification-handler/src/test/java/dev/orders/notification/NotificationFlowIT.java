package dev.orders.notification;

import static dev.orders.notification.OrderEventsTopic.event;
import static dev.orders.notification.OrderEventsTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.orders.notification.WebhookReceiver.Request;
import dev.orders.platform.metrics.ResilienceRegistries;
import dev.orders.platform.persistence.DatabaseConfiguration;
import dev.orders.platform.web.ProblemDetailsAdvice;
import dev.orders.platform.security.AccessTokens;
import dev.orders.platform.security.JwtConfiguration;
import dev.orders.platform.security.Role;
import dev.orders.platform.security.SecurityConfiguration;
import dev.orders.platform.security.TokenCallerIdentity;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification module end to end on real parts: records on a real Kafka broker, the module's own schema in a real
 * PostgreSQL, e-mail through a real SMTP server (GreenMail), webhooks to a real HTTP endpoint that checks their
 * signatures, and the module's HTTP API on a real port.
 */
@SpringBootTest(classes = NotificationFlowIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static final WebhookReceiver HOOKS = new WebhookReceiver();
    private static OrderEventsTopic topic;
    private static final String GROUP = "notifications-it-" + UUID.randomUUID();
    private static final String JWT_SECRET = "notification-flow-test-secret-of-enough-bytes";
    private static final AccessTokens TOKENS = new AccessTokens(JWT_SECRET.getBytes(StandardCharsets.UTF_8),
            "orders", Duration.ofMinutes(5), Clock.systemUTC());

    /**
     * The module with what the app gives it: database, web server, JSON, validation, mail, problem details, the
     * caller identity, Boot's WebClient.Builder and the resilience registries.
     */
    @SpringBootConfiguration
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
            CodecsAutoConfiguration.class, ValidationAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
            WebFluxAutoConfiguration.class, NettyReactiveWebServerAutoConfiguration.class,
            MailSenderAutoConfiguration.class, WebClientAutoConfiguration.class})
    @Import({DatabaseConfiguration.class, ProblemDetailsAdvice.class, SecurityConfiguration.class,
            JwtConfiguration.class, TokenCallerIdentity.class, NotificationModuleConfiguration.class})
    static class App {

        @Bean
        ResilienceRegistries resilienceRegistries() {
            return ResilienceRegistries.unmetered();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PostgresServer postgres = TestPostgres.shared();
        String kafka = TestKafka.shared().bootstrapServers();
        // Topics first: the consumer subscribes as the context starts.
        topic = new OrderEventsTopic(kafka);
        SMTP.start();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("orders.kafka.bootstrap-servers", () -> kafka);
        registry.add("orders.security.jwt.secret", () -> JWT_SECRET);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("orders.notifications.mail.from", () -> "shop@orders.test");
        // A group of its own per run: offsets of an earlier run in the same JVM must not hide these records.
        registry.add("orders.notifications.consumer.group-id", () -> GROUP);
        registry.add("orders.notifications.webhook.retry.max-attempts", () -> "3");
        registry.add("orders.notifications.webhook.retry.initial-backoff", () -> "20ms");
        registry.add("orders.notifications.webhook.time-limit", () -> "2s");
    }

    @AfterAll
    static void stopServers() {
        topic.close();
        HOOKS.close();
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    private WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .defaultHeader("Authorization", "Bearer " + TOKENS.issue("ops", null, Set.of(Role.OPS)))
                .build();
    }

    /** Requests of a customer: contacts can only be managed by their owner. */
    private WebTestClient as(String customer) {
        return http.mutate()
                .defaultHeader("Authorization", "Bearer " + TOKENS.issue(customer, null, Set.of(Role.CUSTOMER)))
                .build();
    }

    private RegisteredContact register(String customerId, String email, String webhookUrl) {
        Map<String, String> body = new java.util.HashMap<>();
        body.put("email", email);
        body.put("webhookUrl", webhookUrl);
        return as(customerId).put().uri("/api/v1/notifications/contacts/{id}", customerId).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody(RegisteredContact.class).returnResult().getResponseBody();
    }

    private List<NotificationLogEntry> log(UUID orderId) {
        return http.get().uri("/api/v1/notifications?orderId={id}", orderId).exchange()
                .expectStatus().isOk()
                .expectBodyList(NotificationLogEntry.class).returnResult().getResponseBody();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(recipient -> recipient.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> subjects(String address) {
        return mailTo(address).stream().map(message -> {
            try {
                return message.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String confirmed(UUID orderId, String customerId) {
        return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId + "\",\"paymentId\":\""
                + UUID.randomUUID() + "\"}";
    }

    private static String plain(UUID orderId, String customerId) {
        return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId + "\"}";
    }

    @Test
    void confirmationArrivesByEmailAndAsASignedWebhookAndIsLogged() throws Exception {
        String customer = "alice-" + UUID.randomUUID();
        String email = customer + "@example.com";
        String hook = HOOKS.url("ok", customer);
        RegisteredContact contact = register(customer, email, hook);
        UUID order = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        topic.send(event(eventId, "OrderConfirmed", order, confirmed(order, customer), null));

        await().atMost(WAIT).until(() -> mailTo(email).size() == 1 && HOOKS.requestsTo(hook).size() == 1);
        MimeMessage mail = mailTo(email).get(0);
        assertThat(mail.getSubject()).isEqualTo("Your order " + order + " is confirmed");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("shop@orders.test");
        assertThat(((String) mail.getContent())).contains("Order:  " + order, "Status: CONFIRMED");

        Request webhook = HOOKS.requestsTo(hook).get(0);
        assertThat(webhook.signedWith(contact.webhookSecret())).as("signature of %s", webhook.headers()).isTrue();
        assertThat(webhook.signedWith("another-secret")).isFalse();
        assertThat(webhook.header("X-Orders-Event-Id")).isEqualTo(eventId);
        assertThat(webhook.header("X-Orders-Event-Type")).isEqualTo("dev.orders.order.OrderConfirmed");
        assertThat(webhook.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(webhook.body());
        assertThat(body.get("id").asString()).isEqualTo(eventId);
        assertThat(body.get("type").asString()).isEqualTo("dev.orders.order.OrderConfirmed");
        assertThat(body.get("orderId").asString()).isEqualTo(order.toString());
        assertThat(body.get("customerId").asString()).isEqualTo(customer);
        assertThat(body.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(Instant.parse(body.get("occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(body.get("data").get("paymentId").isString()).isTrue();

        await().atMost(WAIT).until(() -> log(order).size() == 2);
        List<NotificationLogEntry> entries = log(order);
        assertThat(entries).extracting(NotificationLogEntry::channel)
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(entry.orderId()).isEqualTo(order);
            assertThat(entry.customerId()).isEqualTo(customer);
            assertThat(entry.eventId()).isEqualTo(eventId);
            assertThat(entry.eventType()).isEqualTo("dev.orders.order.OrderConfirmed");
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(entry.detail()).isNull();
            assertThat(entry.createdAt()).isNotNull();
        });
        assertThat(entries).extracting(NotificationLogEntry::recipient).containsExactlyInAnyOrder(email, hook);
        assertThat(entries.get(0).id()).isLessThan(entries.get(1).id());
    }

    @Test
    void handledRecordsHaveTheirOffsetsCommitted() {
        String customer = "carol-" + UUID.randomUUID();
        String hook = HOOKS.url("ok", customer);
        register(customer, customer + "@example.com", hook);
        UUID order = UUID.randomUUID();
        RecordMetadata last = null;
        for (String type : List.of("OrderConfirmed", "OrderShipped", "OrderDelivered")) {
            String json = type.equals("OrderConfirmed") ? confirmed(order, customer) : plain(order, customer);
            last = topic.send(event(UUID.randomUUID().toString(), type, order, json, null));
        }
        TopicPartition partition = new TopicPartition(last.topic(), last.partition());
        long next = last.offset() + 1;

        await().atMost(WAIT).until(() -> HOOKS.requestsTo(hook).size() == 3);
        // Commits are periodic, not per record: a restarted consumer must still start after these records.
        await().atMost(WAIT).until(() -> topic.committedOffset(GROUP, partition) >= next);
    }

    @Test
    void redeliveredEventSendsOneEmailAndOneWebhook() {
        String customer = "bob-" + UUID.randomUUID();
        String email = customer + "@example.com";
        String hook = HOOKS.url("ok", customer);
        register(customer, email, hook);
        UUID order = UUID.randomUUID();
        ProducerRecord<String, byte[]> shipped =
                event(UUID.randomUUID().toString(), "OrderShipped", order, plain(order, customer), null);

        topic.send(shipped);
        topic.send(shipped);
        // Same key, same partition: once the delivery arrived, both copies of the shipment were handled.
        topic.send(event(UUID.randomUUID().toString(), "OrderDelivered", order, plain(order, customer), null));

        String deliveredSubject = "Your order " + order + " has been delivered";
        await().atMost(WAIT).until(() -> subjects(email).contains(deliveredSubject) && HOOKS.requestsTo(hook)
                .stream().anyMatch(request -> request.header("X-Orders-Event-Type").endsWith("OrderDelivered")));
        assertThat(subjects(email))
                .containsExactlyInAnyOrder("Your order " + order + " has shipped", deliveredSubject);
        assertThat(HOOKS.requestsTo(hook)).extracting(request -> request.header("X-Orders-Event-Type"))
                .containsExactlyInAnyOrder("dev.orders.order.OrderShipped", "dev.orders.order.OrderDelivered");
        await().atMost(WAIT).until(() -> log(order).size() == 4);
        assertThat(log(order)).allSatisfy(entry -> assertThat(entry.status()).isEqualTo(DeliveryStatus.SENT));
    }

    @Test
    void webhookThatKeepsFailingGoesToTheDeadLetterTopicAndTheConsumerMovesOn() {
        String customer = "carol-" + UUID.randomUUID();
        String email = customer + "@example.com";
        String broken = HOOKS.url("broken", customer);
        register(customer, email, broken);
        String happyCustomer = "dave-" + UUID.randomUUID();
        String happyHook = HOOKS.url("ok", happyCustomer);
        register(happyCustomer, null, happyHook);
        UUID order = UUID.randomUUID();
        UUID nextOrder = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        // Both on one partition: the second is only handled after the first has ended in the dead-letter topic.
        RecordMetadata failing = topic.send(event(eventId, "OrderRejected", order,
                "{\"orderId\":\"" + order + "\",\"customerId\":\"" + customer
                        + "\",\"reason\":\"OUT_OF_STOCK\",\"detail\":\"MUG-1\"}", 0));
        topic.send(event(UUID.randomUUID().toString(), "OrderConfirmed", nextOrder,
                confirmed(nextOrder, happyCustomer), 0));

        ConsumerRecord<String, byte[]> dead = topic.deadLetter(eventId, WAIT).orElseThrow();
        assertThat(dead.key()).isEqualTo(order.toString());
        assertThat(new String(dead.value(), java.nio.charset.StandardCharsets.UTF_8)).contains("OUT_OF_STOCK");
        assertThat(header(dead, "ce_type")).isEqualTo("dev.orders.order.OrderRejected");
        assertThat(header(dead, "dlt_reason")).isEqualTo("webhook answered HTTP 500 after 3 attempts");
        assertThat(header(dead, "dlt_exception"))
                .isEqualTo(WebhookClient.EndpointUnavailableException.class.getName());
        assertThat(header(dead, "dlt_original_partition")).isEqualTo("0");
        assertThat(header(dead, "dlt_original_offset")).isEqualTo(Long.toString(failing.offset()));
        assertThat(Instant.parse(header(dead, "dlt_failed_at"))).isBefore(Instant.now().plusSeconds(1));

        await().atMost(WAIT).until(() -> HOOKS.requestsTo(happyHook).size() == 1);
        assertThat(HOOKS.requestsTo(broken)).hasSize(3);
        // The e-mail went out; the webhook is logged as failed.
        assertThat(mailTo(email)).hasSize(1);
        await().atMost(WAIT).until(() -> log(order).size() == 2);
        assertThat(log(order)).anySatisfy(entry -> {
            assertThat(entry.channel()).isEqualTo(Channel.WEBHOOK);
            assertThat(entry.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(entry.attempts()).isEqualTo(3);
            assertThat(entry.detail()).isEqualTo("webhook answered HTTP 500 after 3 attempts");
        }).anySatisfy(entry -> {
            assertThat(entry.channel()).isEqualTo(Channel.EMAIL);
            assertThat(entry.status()).isEqualTo(DeliveryStatus.SENT);
        });
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopic() {
        UUID order = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        topic.send(event(eventId, "OrderShipped", order, "{not json", null));

        ConsumerRecord<String, byte[]> dead = topic.deadLetter(eventId, WAIT).orElseThrow();
        assertThat(header(dead, "dlt_reason")).startsWith("value of record " + eventId + " is not a valid");
        assertThat(header(dead, "dlt_exception")).isEqualTo(UnprocessableRecordException.class.getName());
    }

    @Test
    void customerWithoutContactIsSkippedAndOtherTypesAreIgnored() {
        UUID order = UUID.randomUUID();
        String customer = "erin-" + UUID.randomUUID();
        String placed = "{\"orderId\":\"" + order + "\",\"customerId\":\"" + customer + "\",\"lines\":[]}";

        topic.send(event(UUID.randomUUID().toString(), "OrderPlaced", order, placed, null));
        topic.send(event(UUID.randomUUID().toString(), "OrderStockReserved", order, plain(order, customer), null));
        topic.send(event(UUID.randomUUID().toString(), "OrderDelivered", order, plain(order, customer), null));

        await().atMost(WAIT).until(() -> log(order).size() == 2);
        assertThat(log(order)).allSatisfy(entry -> {
            assertThat(entry.eventType()).isEqualTo("dev.orders.order.OrderDelivered");
            assertThat(entry.status()).isEqualTo(DeliveryStatus.SKIPPED);
            assertThat(entry.recipient()).isNull();
            assertThat(entry.attempts()).isZero();
            assertThat(entry.detail()).isEqualTo("customer has no contact information");
        });
    }

    @Test
    void contactsKeepTheirSecretAndNeverShowIt() {
        String customer = "frank-" + UUID.randomUUID();
        RegisteredContact first = register(customer, "frank@example.com", null);
        RegisteredContact second = register(customer, null, "https://hooks.example.com/frank");

        assertThat(first.webhookSecret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(second.webhookSecret()).isEqualTo(first.webhookSecret());
        assertThat(second.email()).isNull();
        http.get().uri("/api/v1/notifications/contacts/{id}", customer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.customerId").isEqualTo(customer)
                .jsonPath("$.webhookUrl").isEqualTo("https://hooks.example.com/frank")
                .jsonPath("$.webhookSecret").doesNotExist();
        assertThat(register("grace-" + UUID.randomUUID(), "g@example.com", null).webhookSecret())
                .isNotEqualTo(first.webhookSecret());
    }

    @Test
    void customersManageOnlyTheirOwnContactAndSeeOnlyTheirOwnNotifications() throws Exception {
        String customer = "ivan-" + UUID.randomUUID();
        register(customer, customer + "@example.com", null);
        UUID order = UUID.randomUUID();
        topic.send(event(UUID.randomUUID().toString(), "OrderShipped", order, plain(order, customer), null));
        await().atMost(WAIT).until(() -> log(order).size() == 2);

        assertThat(as(customer).get().uri("/api/v1/notifications?orderId={id}", order).exchange()
                .expectStatus().isOk()
                .expectBodyList(NotificationLogEntry.class).returnResult().getResponseBody()).hasSize(2);
        as("mallory").get().uri("/api/v1/notifications?orderId={id}", order).exchange()
                .expectStatus().isNotFound();
        as("mallory").put().uri("/api/v1/notifications/contacts/{id}", customer)
                .bodyValue(Map.of("email", "mallory@example.com")).exchange()
                .expectStatus().isForbidden();
        as("mallory").get().uri("/api/v1/notifications/contacts/{id}", customer).exchange()
                .expectStatus().isForbidden();
        http.mutate().defaultHeaders(headers -> headers.remove("Authorization")).build()
                .get().uri("/api/v1/notifications?orderId={id}", order).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void unknownContactIsNotFound() {
        http.get().uri("/api/v1/notifications/contacts/{id}", "nobody-" + UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:orders:problem:not-found");
    }

    @Test
    void refusesMalformedContacts() {
        as("henry").put().uri("/api/v1/notifications/contacts/{id}", "henry")
                .bodyValue(Map.of("email", "not-an-address", "webhookUrl", "ftp://example.com/hook")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:orders:problem:validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(2);
    }

    @Test
    void refusesOverlongCustomerIds() {
        http.get().uri("/api/v1/notifications/contacts/{id}", "c".repeat(101)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("customerId must have 1 to 100 characters");
    }

    @Test
    void logQueryNeedsAnOrderId() {
        http.get().uri("/api/v1/notifications?orderId=not-a-uuid").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:orders:problem:malformed-request")
                .jsonPath("$.detail").isEqualTo("orderId must be a UUID, got 'not-a-uuid'");
        http.get().uri("/api/v1/notifications").exchange()
                .expectStatus().isBadRequest();
        assertThat(log(UUID.randomUUID())).isEmpty();
    }
}
