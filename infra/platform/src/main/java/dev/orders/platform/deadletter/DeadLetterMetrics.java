package dev.orders.platform.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gauge {@code orders.deadletters} (tag {@code processor}): events parked in each processor's dead-letter queue.
 * Counted on a background thread at a fixed interval rather than on scrape, so a slow or unreachable database never
 * holds up {@code /actuator/prometheus}; a failed count keeps the last value.
 */
final class DeadLetterMetrics implements SmartLifecycle {

    static final String GAUGE = "orders.deadletters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;

    DeadLetterMetrics(DeadLetters deadLetters, MeterRegistry registry, Duration interval) {
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.interval = interval;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-metrics");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Counts again now, e.g. after an operator retried or evicted a sequence. */
    void refreshSoon() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.execute(this::refresh);
        }
    }

    void refresh() {
        try {
            for (String processor : deadLetters.processors()) {
                long depth = deadLetters.depth(processor);
                depths.computeIfAbsent(processor, this::register).set(depth);
            }
        } catch (RuntimeException e) {
            log.warn("Could not count dead letters: {}", e.toString());
        }
    }

    private AtomicLong register(String processor) {
        AtomicLong depth = new AtomicLong();
        Gauge.builder(GAUGE, depth, AtomicLong::get)
                .description("Events parked in the processor's dead-letter queue")
                .tag("processor", processor)
                .register(registry);
        return depth;
    }
}
