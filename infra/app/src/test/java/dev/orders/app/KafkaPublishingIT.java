package dev.orders.app;

import static dev.orders.app.TopicReader.header;
import static dev.orders.app.TopicReader.sequence;
import static dev.orders.app.TopicReader.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.Ids;
import dev.orders.platform.events.IntegrationTopics;
import dev.orders.testkit.kafka.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Analysts read every domain event from Kafka: complete, in order, as CloudEvents, and without card tokens. */
class KafkaPublishingIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyEventOfAConfirmedOrderIsOnTheTopicInSequenceWithCloudEventHeadersAndNoPaymentToken() {
        String sku = OrdersClient.unique("KAFKA");
        orders.createProduct(sku, 990, 5);
        String customer = OrdersClient.unique("analysed");
        UUID orderId = orders.place(customer, "kafka-1", Map.of(sku, 2), "tok_approve");
        orders.awaitStatus(orderId, "CONFIRMED");
        String order = orderId.toString();
        String payment = Ids.paymentId(orderId).toString();
        StoredEvents stored = StoredEvents.of(jdbc, List.of(order, payment));

        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(TestKafka.shared().bootstrapServers(),
                IntegrationTopics.ORDER_EVENTS, List.of(order, payment),
                read -> read.stream().map(record -> header(record, "ce_id")).toList().containsAll(stored.ids()),
                Duration.ofSeconds(30));

        List<ConsumerRecord<String, byte[]>> orderRecords = records.stream().filter(r -> order.equals(r.key())).toList();
        assertThat(orderRecords).extracting(record -> header(record, "ce_type")).containsExactly(
                "dev.orders.order.OrderPlaced", "dev.orders.order.OrderStockReserved", "dev.orders.order.OrderConfirmed");
        assertThat(orderRecords).extracting(record -> header(record, "ce_id"))
                .containsExactlyElementsOf(stored.of(order).stream().map(StoredEvents.Event::id).toList());
        assertThat(orderRecords).extracting(TopicReader::sequence).containsExactly(0L, 1L, 2L);
        for (ConsumerRecord<String, byte[]> record : orderRecords) {
            StoredEvents.Event event = stored.of(order).get((int) sequence(record));
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_source")).isEqualTo("/orders/Order");
            assertThat(header(record, "ce_subject")).isEqualTo(order);
            assertThat(header(record, "orders_aggregate_type")).isEqualTo("Order");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(event.timestamp());
        }
        assertThat(value(orderRecords.get(0))).contains("\"customerId\":\"" + customer + "\"").contains(sku);

        List<ConsumerRecord<String, byte[]>> paymentRecords =
                records.stream().filter(r -> payment.equals(r.key())).toList();
        assertThat(paymentRecords).extracting(record -> header(record, "ce_type")).containsExactly(
                "dev.orders.payment.PaymentAuthorizationRequested", "dev.orders.payment.PaymentAuthorized");
        assertThat(paymentRecords).extracting(record -> header(record, "ce_source")).containsOnly("/orders/Payment");
        assertThat(records).extracting(TopicReader::value)
                .allSatisfy(json -> assertThat(json).doesNotContain("paymentToken").doesNotContain("tok_approve"));
    }
}
