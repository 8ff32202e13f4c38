package dev.orders.platform.health;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Readiness of this instance's streaming event processors: each one runs, is not in error, and no segment it holds
 * has stood behind the event store's head for longer than the stall time. Reading the head is a database query, so
 * the check runs on the JDBC threads.
 */
final class EventProcessorsHealthIndicator implements ReactiveHealthIndicator {

    private final ProcessorLags lags;
    private final StallWatch stalls;
    private final Scheduler jdbc;

    EventProcessorsHealthIndicator(ProcessorLags lags, StallWatch stalls, Scheduler jdbc) {
        this.lags = lags;
        this.stalls = stalls;
        this.jdbc = jdbc;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromCallable(this::check)
                .subscribeOn(jdbc)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }

    private Health check() {
        ProcessorLags.Snapshot snapshot = lags.read();
        long head = snapshot.head();
        Map<String, Object> details = new TreeMap<>();
        Set<String> watched = new HashSet<>();
        boolean healthy = true;
        for (ProcessorLags.Processor processor : snapshot.processors()) {
            Map<String, Object> state = new LinkedHashMap<>();
            String verdict = "running";
            if (!processor.running()) {
                verdict = "stopped";
            } else if (processor.error()) {
                verdict = "error";
            }
            Duration stalledFor = Duration.ZERO;
            for (ProcessorLags.Segment segment : processor.segments()) {
                String key = processor.name() + "#" + segment.segment();
                watched.add(key);
                Duration still = stalls.observe(key, segment.position(), head);
                if (still.compareTo(stalledFor) > 0) {
                    stalledFor = still;
                }
                if (segment.error() && verdict.equals("running")) {
                    verdict = "error";
                }
            }
            if (verdict.equals("running") && !stalledFor.isZero()) {
                verdict = "stalled";
            }
            state.put("status", verdict);
            state.put("lag", processor.lag(head));
            if (!stalledFor.isZero()) {
                state.put("stalledFor", stalledFor.withNanos(0).toString());
            }
            details.put(processor.name(), state);
            healthy &= verdict.equals("running");
        }
        stalls.retain(watched);
        return (healthy ? Health.up() : Health.down()).withDetail("head", head).withDetails(details).build();
    }
}
