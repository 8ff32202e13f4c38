package dev.orders.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gauges {@code orders.sagas.active} and {@code orders.sagas.oldest.age} (tag {@code saga}, the saga's simple
 * class name): how many sagas of a type the saga store holds (Axon deletes a saga when it ends, so every stored one
 * is still running) and how long ago the oldest of them started ({@code axon.sagaentry.startedat}, filled by the
 * database when the saga is stored). Every configured saga type is shown, with zeros while none runs.
 */
final class SagaMetrics {

    static final String ACTIVE = "orders.sagas.active";
    static final String OLDEST_AGE = "orders.sagas.oldest.age";
    private static final String COUNT = "select sagatype, count(*) as active, min(startedat) as oldest "
            + "from axon.sagaentry group by sagatype";

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Supplier<Collection<Class<?>>> configuredTypes;
    private final Clock clock;
    private final Map<String, SagaFigures> figures = new ConcurrentHashMap<>();

    SagaMetrics(JdbcTemplate jdbc, MeterRegistry meters, Supplier<Collection<Class<?>>> configuredTypes, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.configuredTypes = configuredTypes;
        this.clock = clock;
    }

    /** Counts the stored sagas; blocks on JDBC, so it runs on the JDBC scheduler. */
    void refresh() {
        Map<String, long[]> counted = new HashMap<>();
        Instant now = clock.instant();
        jdbc.query(COUNT, row -> {
            Timestamp oldest = row.getTimestamp("oldest");
            long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toSeconds());
            counted.merge(simpleName(row.getString("sagatype")), new long[] {row.getLong("active"), age},
                    (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])});
        });
        for (Class<?> type : configuredTypes.get()) {
            figures.computeIfAbsent(type.getSimpleName(), this::register);
        }
        counted.keySet().forEach(saga -> figures.computeIfAbsent(saga, this::register));
        figures.forEach((saga, shown) -> {
            long[] values = counted.getOrDefault(saga, new long[] {0, 0});
            shown.active = values[0];
            shown.oldestAgeSeconds = values[1];
        });
    }

    private SagaFigures register(String saga) {
        SagaFigures shown = new SagaFigures();
        Gauge.builder(ACTIVE, shown, s -> s.active)
                .description("Sagas of this type that have started and not ended")
                .tag("saga", saga)
                .register(meters);
        Gauge.builder(OLDEST_AGE, shown, s -> s.oldestAgeSeconds)
                .description("Time since the oldest running saga of this type started (0 when none runs)")
                .baseUnit("seconds")
                .tag("saga", saga)
                .register(meters);
        return shown;
    }

    private static String simpleName(String sagaType) {
        return sagaType == null ? "unknown" : sagaType.substring(sagaType.lastIndexOf('.') + 1);
    }

    private static final class SagaFigures {
        volatile double active;
        volatile double oldestAgeSeconds;
    }
}
