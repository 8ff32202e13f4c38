package dev.orders.platform.health;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
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

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final StallWatch stalls;
    private final Scheduler jdbc;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore, StallWatch stalls,
                                   Scheduler jdbc) {
        this.processing = processing;
        this.eventStore = eventStore;
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
        long head = position(eventStore.createHeadToken());
        Map<String, Object> details = new TreeMap<>();
        Set<String> watched = new HashSet<>();
        boolean healthy = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            String verdict = "running";
            if (!processor.isRunning()) {
                verdict = "stopped";
            } else if (processor.isError()) {
                verdict = "error";
            }
            long lag = 0;
            Duration stalledFor = Duration.ZERO;
            for (Map.Entry<Integer, EventTrackerStatus> segment : processor.processingStatus().entrySet()) {
                EventTrackerStatus status = segment.getValue();
                OptionalLong current = status.getCurrentPosition();
                long position = current.isPresent() ? current.getAsLong() : -1;
                String key = entry.getKey() + "#" + segment.getKey();
                watched.add(key);
                lag = Math.max(lag, Math.max(0, head - position));
                Duration still = stalls.observe(key, position, head);
                if (still.compareTo(stalledFor) > 0) {
                    stalledFor = still;
                }
                if (status.isErrorState() && verdict.equals("running")) {
                    verdict = "error";
                }
            }
            if (verdict.equals("running") && !stalledFor.isZero()) {
                verdict = "stalled";
            }
            state.put("status", verdict);
            state.put("lag", lag);
            if (!stalledFor.isZero()) {
                state.put("stalledFor", stalledFor.withNanos(0).toString());
            }
            details.put(entry.getKey(), state);
            healthy &= verdict.equals("running");
        }
        stalls.retain(watched);
        return (healthy ? Health.up() : Health.down()).withDetail("head", head).withDetails(details).build();
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
