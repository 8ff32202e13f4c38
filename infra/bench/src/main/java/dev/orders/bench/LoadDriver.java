package dev.orders.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Offers load until a deadline. Open model: arrivals at a fixed rate whatever the answers do, at most
 * {@code maxInFlight} outstanding, the rest queued in the client (their wait shows in the scheduled latency);
 * arrivals still queued at the deadline are not sent. Closed model: {@code workers} clients each sending the
 * next request as soon as the previous one is answered.
 */
final class LoadDriver {

    private LoadDriver() {
    }

    /** {@code fire} gets the intended send time (System.nanoTime) and must not fail. */
    static Outcome open(double rate, long startNanos, long endNanos, int maxInFlight, LongFunction<Mono<Void>> fire) {
        RatePacer pacer = new RatePacer(rate, endNanos - startNanos);
        long total = pacer.total();
        Sinks.Many<Long> arrivals = Sinks.many().unicast().onBackpressureBuffer();
        AtomicLong emitted = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-pacer");
            thread.setDaemon(true);
            return thread;
        });
        long initialDelay = Math.max(0, startNanos - System.nanoTime());
        ticker.scheduleAtFixedRate(() -> {
            long due = pacer.dueBy(System.nanoTime() - startNanos);
            while (emitted.get() < due) {
                arrivals.tryEmitNext(startNanos + pacer.dueOffsetNanos(emitted.getAndIncrement()));
            }
            if (emitted.get() >= total) {
                arrivals.tryEmitComplete();
                ticker.shutdown();
            }
        }, initialDelay, 1_000_000, TimeUnit.NANOSECONDS);
        try {
            arrivals.asFlux()
                    .flatMap(intended -> {
                        if (System.nanoTime() >= endNanos) {
                            skipped.incrementAndGet();
                            return Mono.<Void>empty();
                        }
                        return fire.apply(intended);
                    }, maxInFlight)
                    .blockLast();
        } finally {
            ticker.shutdownNow();
        }
        return new Outcome(total, total - skipped.get(), skipped.get());
    }

    static Outcome closed(int workers, long endNanos, LongFunction<Mono<Void>> fire) {
        AtomicLong started = new AtomicLong();
        Flux.range(0, workers)
                .flatMap(worker -> Mono.defer(() -> {
                            started.incrementAndGet();
                            return fire.apply(System.nanoTime());
                        })
                        .repeat(() -> System.nanoTime() < endNanos)
                        .then(), workers)
                .blockLast();
        return new Outcome(started.get(), started.get(), 0);
    }

    /** Arrivals planned, sent, and left unsent because the client was still queueing them at the deadline. */
    record Outcome(long scheduled, long sent, long notSent) {
    }
}
