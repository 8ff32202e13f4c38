package dev.orders.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The gauges {@code orders.eventstore.head} (the newest event's global position), and per streaming processor of
 * this instance (tag {@code processor}) {@code orders.processor.lag} (events between the head and its
 * furthest-behind segment held here) and {@code orders.processor.position} (its lowest token position). Lag that
 * stays above 0 while the position does not move is a stalled processor; the {@code kafka-publisher} processor's
 * lag is how far Kafka is behind the event store.
 */
final class ProcessorLagMetrics {

    static final String HEAD = "orders.eventstore.head";
    static final String LAG = "orders.processor.lag";
    static final String POSITION = "orders.processor.position";

    private final ProcessorLags lags;
    private final MeterRegistry meters;
    private final AtomicLong head = new AtomicLong(-1);
    private final Map<String, AtomicLongArray> figures = new ConcurrentHashMap<>();

    ProcessorLagMetrics(ProcessorLags lags, MeterRegistry meters) {
        this.lags = lags;
        this.meters = meters;
        Gauge.builder(HEAD, head, AtomicLong::get)
                .description("Global position of the newest event in the event store")
                .register(meters);
    }

    /** Reads the positions; blocks on JDBC, so it runs on the JDBC scheduler. */
    void refresh() {
        ProcessorLags.Snapshot snapshot = lags.read();
        head.set(snapshot.head());
        for (ProcessorLags.Processor processor : snapshot.processors()) {
            AtomicLongArray shown = figures.computeIfAbsent(processor.name(), this::register);
            shown.set(0, processor.lag(snapshot.head()));
            shown.set(1, processor.position());
        }
    }

    private AtomicLongArray register(String processor) {
        AtomicLongArray shown = new AtomicLongArray(2);
        Gauge.builder(LAG, shown, values -> values.get(0))
                .description("Events between the event store's head and the processor's furthest-behind segment here")
                .tag("processor", processor)
                .register(meters);
        Gauge.builder(POSITION, shown, values -> values.get(1))
                .description("Lowest token position of the processor's segments here (-1: none held or no token)")
                .tag("processor", processor)
                .register(meters);
        return shown;
    }
}
