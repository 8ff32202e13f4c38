package dev.orders.notification;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Takes one record from parsing to its end: ignored (not a notifying type), notified, or moved to the dead-letter
 * topic. Only an unusable database holds the record back: that is retried until it works, so an outage pauses the
 * notifications instead of sending every event of the outage to the dead-letter topic. The returned Mono completes
 * once the record may be committed; it never fails.
 */
class RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** How a record ended. */
    enum Outcome { IGNORED, NOTIFIED, DEAD_LETTERED }

    private final EventParser parser;
    private final NotificationDispatcher dispatcher;
    private final DeadLetterPublisher deadLetters;

    RecordProcessor(EventParser parser, NotificationDispatcher dispatcher, DeadLetterPublisher deadLetters) {
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
    }

    Mono<Outcome> process(ConsumerRecord<byte[], byte[]> record) {
        Optional<OrderNotice> notice;
        try {
            notice = parser.parse(record.headers(), record.value(), record.timestamp());
        } catch (UnprocessableRecordException e) {
            return deadLetter(record, e.getMessage(), e);
        }
        if (notice.isEmpty()) {
            return Mono.just(Outcome.IGNORED);
        }
        return dispatcher.dispatch(notice.get())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF).maxBackoff(MAX_BACKOFF)
                        .filter(RecordProcessor::isTransient)
                        .doBeforeRetry(signal -> log.warn("Notifications for record {} held back, retrying: {}",
                                position(record), signal.failure().toString())))
                .flatMap(result -> result.firstFailure()
                        .map(failure -> deadLetter(record, failure.getMessage(), failure.rootFailure()))
                        .orElseGet(() -> Mono.just(Outcome.NOTIFIED)))
                .onErrorResume(failure -> deadLetter(record, "processing failed: " + failure, failure));
    }

    private Mono<Outcome> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable failure) {
        return deadLetters.publish(record, reason, failure)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF).maxBackoff(MAX_BACKOFF)
                        .doBeforeRetry(signal -> log.warn("Dead-lettering record {} failed, retrying: {}",
                                position(record), signal.failure().toString())))
                .then(Mono.fromCallable(() -> {
                    log.warn("Record {} (ce_id {}) moved to the dead-letter topic: {}", position(record),
                            EventParser.header(record.headers(), EventParser.ID), reason);
                    return Outcome.DEAD_LETTERED;
                }));
    }

    /** The database is unavailable (not: this record's data does not fit), or another consumer holds a claim. */
    static boolean isTransient(Throwable failure) {
        return (failure instanceof DataAccessException && !(failure instanceof DataIntegrityViolationException))
                || failure instanceof NotificationDispatcher.ClaimBusyException;
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
