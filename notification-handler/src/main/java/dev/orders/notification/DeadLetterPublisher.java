package dev.orders.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Moves a record that cannot be processed to the dead-letter topic: the original key, value and headers, plus
 * {@code dlt_*} headers saying why, what failed, where the record came from and when. A record that is replayed from
 * the dead-letter topic and fails again carries only the latest {@code dlt_*} headers.
 */
class DeadLetterPublisher {

    static final String REASON = "dlt_reason";
    static final String EXCEPTION = "dlt_exception";
    static final String ORIGINAL_TOPIC = "dlt_original_topic";
    static final String ORIGINAL_PARTITION = "dlt_original_partition";
    static final String ORIGINAL_OFFSET = "dlt_original_offset";
    static final String FAILED_AT = "dlt_failed_at";

    private static final List<String> DLT_HEADERS =
            List.of(REASON, EXCEPTION, ORIGINAL_TOPIC, ORIGINAL_PARTITION, ORIGINAL_OFFSET, FAILED_AT);
    private static final int MAX_REASON = 2000;

    private final KafkaSender<byte[], byte[]> sender;
    private final String topic;
    private final Clock clock;
    private final Scheduler scheduler;

    /** @param scheduler where the (possibly blocking) producer calls run */
    DeadLetterPublisher(KafkaSender<byte[], byte[]> sender, String topic, Clock clock, Scheduler scheduler) {
        this.sender = sender;
        this.topic = topic;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Completes once the broker has the dead letter. */
    Mono<Void> publish(ConsumerRecord<byte[], byte[]> record, String reason, Throwable failure) {
        return Mono.defer(() -> sender.send(Mono.just(SenderRecord.create(deadLetter(record, reason, failure),
                                (Void) null)))
                        .next())
                .subscribeOn(scheduler)
                .flatMap(result -> result.exception() == null ? Mono.<Void>empty() : Mono.error(result.exception()));
    }

    ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason,
                                              Throwable failure) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DLT_HEADERS.contains(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        String text = reason == null ? String.valueOf(failure) : reason;
        headers.add(REASON, utf8(text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON)));
        headers.add(EXCEPTION, utf8(failure == null ? "" : failure.getClass().getName()));
        headers.add(ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(FAILED_AT, utf8(clock.instant().toString()));
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
