package dev.orders.platform.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a gauge's count at a fixed interval while the application runs, so that a scrape only reads numbers and a
 * slow or unreachable database never holds up {@code /actuator/prometheus}. A count that fails is logged and keeps
 * the last values; a count still running when the next is due is skipped, never queued. The count itself decides
 * where it runs (R2DBC, or JDBC on the bounded JDBC scheduler): never on an event loop.
 */
public final class PeriodicRefresh implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicRefresh.class);

    private final String name;
    private final Duration interval;
    private final Supplier<Mono<?>> count;
    private volatile Disposable running;

    public PeriodicRefresh(String name, Duration interval, Supplier<Mono<?>> count) {
        this.name = name;
        this.interval = interval;
        this.count = count;
    }

    /** Counts once now; for tests and for callers that just changed what is counted. */
    public Mono<Void> refreshNow() {
        return Mono.defer(count).then();
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(count)
                        .doOnError(e -> log.warn("Could not count {}: {}", name, e.toString()))
                        .onErrorResume(e -> Mono.empty()), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable started = running;
        running = null;
        if (started != null) {
            started.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
