package dev.orders.query;

import dev.orders.platform.persistence.DatabaseConfiguration;
import dev.orders.platform.persistence.DatabaseProperties;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The one reader of new change-log rows per instance. On every trigger (a notification, a reconnect, a poll tick) it
 * reads the rows after the last position it published, in one query for all subscribers, and multicasts them; each
 * stream filters what it needs. Triggers that arrive while a read runs collapse into one follow-up read.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@Component
final class OrderChangeHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderChangeHub.class);
    private static final int PAGE_SIZE = 500;

    // Every subscriber requests without bound (it buffers on its own side), so best-effort never drops here.
    private final Sinks.Many<OrderChange> sink = Sinks.many().multicast().directBestEffort();
    private final Sinks.Empty<Void> stopping = Sinks.empty();
    private final AtomicLong position = new AtomicLong(-1);
    private final OrderChangeLog changeLog;
    private final Flux<?> triggers;
    private final int pageSize;
    private volatile Disposable running;

    @Autowired
    OrderChangeHub(OrderChangeLog changeLog, DatabaseProperties database,
                   @Value("${orders.sse.poll-interval:PT1S}") Duration pollInterval) {
        this(changeLog, Flux.merge(
                ChangeNotifications.listen(
                        new PostgresqlConnectionFactory(DatabaseConfiguration.r2dbcConfiguration(database)),
                        OrderProjection.CHANNEL, Duration.ofSeconds(1)),
                Flux.interval(pollInterval, pollInterval)), PAGE_SIZE);
    }

    OrderChangeHub(OrderChangeLog changeLog, Flux<?> triggers, int pageSize) {
        this.changeLog = changeLog;
        this.triggers = triggers;
        this.pageSize = pageSize;
    }

    /** Every change published from now on; never replays. */
    Flux<OrderChange> changes() {
        return sink.asFlux();
    }

    /**
     * Completes when the instance begins to shut down, before live changes end. This lifecycle stops in the default
     * (last-started, first-stopped) phase, ahead of the web server's graceful shutdown, so open streams can say
     * goodbye while connections still work.
     */
    Mono<Void> stopping() {
        return stopping.asMono();
    }

    /** The last position published; -1 until the start position has been read. */
    long publishedPosition() {
        return position.get();
    }

    @Override
    public void start() {
        running = Mono.defer(changeLog::lastPosition)
                .doOnNext(position::set)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10)))
                .thenMany(triggers.onBackpressureLatest().concatMap(trigger -> drain(), 1))
                .subscribe();
    }

    @Override
    public void stop() {
        stopping.tryEmitEmpty();
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        sink.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }

    /** Publishes everything after the last published position, page by page. */
    private Mono<Void> drain() {
        return changeLog.after(position.get(), pageSize)
                .doOnNext(this::publish)
                .count()
                .flatMap(read -> read >= pageSize ? drain() : Mono.<Void>empty())
                .onErrorResume(e -> {
                    log.warn("Reading the order change log failed; the next trigger retries: {}", e.toString());
                    return Mono.empty();
                });
    }

    private void publish(OrderChange change) {
        if (change.position() > position.get()) {
            position.set(change.position());
            sink.tryEmitNext(change);
        }
    }
}
