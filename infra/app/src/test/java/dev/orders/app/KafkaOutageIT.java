package dev.orders.app;

import static dev.orders.app.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Ids;
import dev.orders.platform.events.IntegrationTopics;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.EmbeddedKafkaBroker;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Kafka going away loses nothing, and the instance reports itself not ready while it is gone: orders placed while the broker is down are all published once it is back, because
 * the publishing processor's token waits for the broker's acknowledgement. Runs an instance of its own on a database
 * and a broker of its own, so that stopping the broker disturbs no other test.
 */
class KafkaOutageIT {

    private static final String DATABASE = "kafka_outage";
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private static EmbeddedKafkaBroker broker;
    private static PaymentProviderSimulator provider;
    private static ConfigurableApplicationContext app;
    private static OrdersClient client;
    private static JdbcTemplate jdbc;
    private static WebTestClient ops;

    @BeforeAll
    static void instanceWithItsOwnBrokerAndDatabase() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        PostgresServer postgres = TestPostgres.freshDatabase(DATABASE);
        broker = TestKafka.startRestartable();
        provider = PaymentProviderSimulator.start(0);
        app = new SpringApplicationBuilder(OrdersApplication.class, PrivateNettyResources.class)
                .properties(Map.of(
                        // Default properties rank below application.yml: where it reads a variable (PORT,
                        // PAYMENT_PROVIDER_URL, KAFKA_BOOTSTRAP_SERVERS), set the variable.
                        "PORT", "0",
                        "ORDERS_JWT_SECRET", TestTokens.SECRET,
                        "spring.datasource.url", postgres.jdbcUrl(),
                        "spring.datasource.username", postgres.username(),
                        "spring.datasource.password", postgres.password(),
                        "PAYMENT_PROVIDER_URL", provider.baseUrl(),
                        "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                        // Short, so that publishing fails (and is retried) while the broker is down.
                        "orders.kafka.publish-timeout", "PT2S"))
                .run();
        String baseUrl = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        client = new OrdersClient(WebTestClient.bindToServer().baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30)).build(), baseUrl);
        jdbc = app.getBean(JdbcTemplate.class);
        ops = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestTokens.staff()).build();
    }

    @AfterAll
    static void stopAll() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void ordersPlacedWhileTheBrokerIsDownArePublishedCompletelyOnceItIsBack() {
        String sku = OrdersClient.unique("OUTAGE");
        client.createProduct(sku, 450, 50);
        UUID before = client.place(OrdersClient.unique("steady"), "before", Map.of(sku, 1), "tok_approve");
        client.awaitStatus(before, "CONFIRMED");
        awaitOnTopic(List.of(before));

        broker.stop();
        List<UUID> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID orderId = client.place(OrdersClient.unique("patient"), "during-" + i, Map.of(sku, 1), "tok_approve");
            client.awaitStatus(orderId, "CONFIRMED");
            during.add(orderId);
        }
        // Longer than the publish time-out: at least one attempt has failed by now.
        sleep(Duration.ofSeconds(3));
        long firstUnpublished = jdbc.queryForObject("select min(globalindex) from axon.domainevententry "
                + "where aggregateidentifier = ?", Long.class, during.get(0).toString());
        assertThat(publisherToken()).as("the publisher's token while the broker is down")
                .isLessThan(firstUnpublished);
        ops.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.kafka.status").isEqualTo("DOWN")
                .jsonPath("$.components.db.status").isEqualTo("UP");

        broker.restart();

        List<UUID> all = new ArrayList<>(during);
        all.add(0, before);
        List<ConsumerRecord<String, byte[]>> records = awaitOnTopic(all);
        Map<String, List<String>> idsBySequence = records.stream().collect(Collectors.groupingBy(
                record -> record.key() + "#" + header(record, "orders_sequence"), LinkedHashMap::new,
                Collectors.mapping(record -> header(record, "ce_id"), Collectors.toList())));
        assertThat(idsBySequence.values()).as("a republished event keeps its id")
                .allSatisfy(ids -> assertThat(ids).containsOnly(ids.get(0)));
        for (UUID orderId : all) {
            List<Long> firstSeen = records.stream().filter(record -> record.key().equals(orderId.toString()))
                    .map(TopicReader::sequence).distinct().toList();
            assertThat(firstSeen).as("order of %s's events", orderId).isSorted();
        }
        ops.get().uri("/actuator/health/readiness").exchange()
                .expectBody().jsonPath("$.components.kafka.status").isEqualTo("UP");
    }

    /** Waits until every stored event of the orders and their payments is on the topic; returns their records. */
    private static List<ConsumerRecord<String, byte[]>> awaitOnTopic(List<UUID> orderIds) {
        List<String> keys = orderIds.stream().flatMap(id -> java.util.stream.Stream.of(id.toString(),
                Ids.paymentId(id).toString())).toList();
        StoredEvents stored = StoredEvents.of(jdbc, keys);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(broker.bootstrapServers(),
                IntegrationTopics.ORDER_EVENTS, keys,
                read -> read.stream().map(record -> header(record, "ce_id")).toList().containsAll(stored.ids()),
                Duration.ofSeconds(60));
        assertThat(records.stream().map(record -> header(record, "ce_id")).distinct().toList())
                .as("events on the topic").containsAll(stored.ids());
        return records;
    }

    /** The global index up to which the publisher has published, from its token in the token store. */
    private static long publisherToken() {
        byte[] token = jdbc.queryForObject("select token from axon.tokenentry where processorname = 'kafka-publisher' "
                + "and segment = 0", byte[].class);
        String text = new String(token, java.nio.charset.StandardCharsets.UTF_8);
        Matcher matcher = TOKEN_INDEX.matcher(text);
        assertThat(matcher.find()).as("a global index in the token %s", text).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
