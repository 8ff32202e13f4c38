package dev.orders.notification;

import dev.orders.platform.observability.MessagingSpans;
import dev.orders.platform.observability.Traces;
import dev.orders.platform.roles.ConditionalOnRole;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import dev.orders.platform.roles.InstanceRole;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.util.retry.Retry;

/**
 * Reads the integration events from Kafka and notifies customers, from application start to shutdown. Records of one
 * partition are handled one after the other, in order; partitions run side by side. An offset is committed only after
 * its record was handled completely (notified, ignored or dead-lettered), so a crash means redelivery, never loss;
 * the notification log makes the redelivery send nothing twice. Commits are periodic rather than per record, so
 * waiting for the broker never paces the records. Each record is handled in a consumer span, child of
 * the producer span its {@code traceparent} header names, so a notification belongs to its order's trace.
 */
@ConditionalOnRole(InstanceRole.NOTIFICATION)
@Component
class NotificationConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationConsumer.class);
    private static final int MAX_PARTITIONS_IN_FLIGHT = 1024;
    private static final int COMMIT_BATCH_SIZE = 100;

    private final NotificationProperties.Consumer settings;
    private final String bootstrapServers;
    private final NotificationDispatcher dispatcher;
    private final Clock clock;
    private final MessagingSpans spans;

    private Disposable subscription;
    private KafkaSender<byte[], byte[]> sender;
    private Scheduler deadLetterScheduler;
    private volatile boolean running;

    NotificationConsumer(NotificationProperties properties, NotificationDispatcher dispatcher,
                         @Value("${orders.kafka.bootstrap-servers:${KAFKA_BOOTSTRAP_SERVERS:}}")
                         String bootstrapServers, ObjectProvider<OpenTelemetry> openTelemetry) {
        this.spans = new MessagingSpans(openTelemetry.getIfAvailable(OpenTelemetry::noop));
        this.settings = properties.consumer();
        this.bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
        this.dispatcher = dispatcher;
        this.clock = Clock.systemUTC();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (!settings.enabled()) {
            log.info("Customer notifications are off (orders.notifications.consumer.enabled=false)");
            return;
        }
        if (bootstrapServers.isEmpty()) {
            log.warn("Customer notifications are off: orders.kafka.bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS) is "
                    + "not set");
            return;
        }
        deadLetterScheduler = Schedulers.newBoundedElastic(2, 10_000, "orders-notification-dlt", 60, true);
        sender = KafkaSender.create(senderOptions());
        RecordProcessor processor = new RecordProcessor(new EventParser(), dispatcher,
                new DeadLetterPublisher(sender, settings.deadLetterTopic(), clock, deadLetterScheduler));
        KafkaReceiver<byte[], byte[]> receiver = KafkaReceiver.create(receiverOptions());
        subscription = receiver.receive()
                .groupBy(record -> record.receiverOffset().topicPartition())
                .flatMap(partition -> partition.concatMap(record -> handle(processor, record)),
                        MAX_PARTITIONS_IN_FLIGHT, 1)
                // The consumer itself failed (not a record): start a new one from the committed offsets.
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1))
                        .doBeforeRetry(signal -> log.warn("Notification consumer failed, restarting it",
                                signal.failure())))
                .subscribe(done -> { }, failure -> log.error("Notification consumer stopped", failure));
        running = true;
        log.info("Customer notifications consume {} as group {} from {}", settings.topic(), settings.groupId(),
                bootstrapServers);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        // Records in flight are not committed: they come again and the notification log skips what was sent.
        subscription.dispose();
        sender.close();
        deadLetterScheduler.dispose();
        log.info("Customer notifications stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private Mono<Void> handle(RecordProcessor processor, ReceiverRecord<byte[], byte[]> record) {
        Span span = spans.startProcess(record.topic(), record.partition(), record.offset(),
                EventParser.header(record.headers(), EventParser.ID), record.headers());
        return Traces.within(Context.current().with(span), processor.process(record))
                .doOnNext(outcome -> span.setAttribute("orders.notification.outcome", outcome.name()))
                .doFinally(signal -> span.end())
                // Handled: the offset goes with the next periodic commit (and with a revocation or shutdown).
                // Waiting for a commit of its own held the partition's next record until the consumer's next poll
                // (100 ms), which capped a partition at ten records a second.
                .doOnNext(outcome -> record.receiverOffset().acknowledge())
                .then();
    }

    private ReceiverOptions<byte[], byte[]> receiverOptions() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.autoOffsetReset());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return ReceiverOptions.<byte[], byte[]>create(properties)
                .subscription(List.of(settings.topic()))
                // Handled offsets are committed every second or every 100 records, whichever comes first; after a
                // crash at most those are delivered again, and the notification log sends nothing twice.
                .commitInterval(Duration.ofSeconds(1))
                .commitBatchSize(COMMIT_BATCH_SIZE)
                .addAssignListener(partitions -> log.info("Notification consumer assigned {}", partitions))
                .addRevokeListener(partitions -> log.info("Notification consumer revoked {}", partitions));
    }

    private SenderOptions<byte[], byte[]> senderOptions() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return SenderOptions.<byte[], byte[]>create(properties)
                // Results arrive on a thread that may block, not on Reactor's shared single thread.
                .scheduler(deadLetterScheduler);
    }
}
