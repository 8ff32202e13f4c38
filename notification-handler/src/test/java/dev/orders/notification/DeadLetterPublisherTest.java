package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

class DeadLetterPublisherTest {

    private final DeadLetterPublisher publisher = new DeadLetterPublisher(null, "orders.events.v1.dlt",
            Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC), Schedulers.immediate());

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        Header last = record.headers().lastHeader(header);
        return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsKeyValueAndHeadersAndSaysWhyWhatAndWhere() {
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>("orders.events.v1", 2, 41L,
                "order-1".getBytes(StandardCharsets.UTF_8), "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        original.headers().add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        original.headers().add("ce_type", "dev.orders.order.OrderShipped".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> dead = publisher.deadLetter(original, "webhook answered HTTP 500",
                new WebhookClient.EndpointUnavailableException(500));

        assertThat(dead.topic()).isEqualTo("orders.events.v1.dlt");
        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(text(dead, "ce_id")).isEqualTo("e-1");
        assertThat(text(dead, "ce_type")).isEqualTo("dev.orders.order.OrderShipped");
        assertThat(text(dead, "dlt_reason")).isEqualTo("webhook answered HTTP 500");
        assertThat(text(dead, "dlt_exception"))
                .isEqualTo("dev.orders.notification.WebhookClient$EndpointUnavailableException");
        assertThat(text(dead, "dlt_original_topic")).isEqualTo("orders.events.v1");
        assertThat(text(dead, "dlt_original_partition")).isEqualTo("2");
        assertThat(text(dead, "dlt_original_offset")).isEqualTo("41");
        assertThat(text(dead, "dlt_failed_at")).isEqualTo("2026-04-01T08:00:00Z");
    }

    @Test
    void aRecordThatFailsAgainCarriesOnlyTheLatestDeadLetterHeaders() {
        ConsumerRecord<byte[], byte[]> replayed = new ConsumerRecord<>("orders.events.v1", 0, 7L, null, null);
        replayed.headers().add("dlt_reason", "old".getBytes(StandardCharsets.UTF_8));
        replayed.headers().add("dlt_original_offset", "3".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> dead = publisher.deadLetter(replayed, "new", new IllegalStateException());

        assertThat(dead.headers().headers("dlt_reason")).hasSize(1);
        assertThat(text(dead, "dlt_reason")).isEqualTo("new");
        assertThat(text(dead, "dlt_original_offset")).isEqualTo("7");
    }
}
