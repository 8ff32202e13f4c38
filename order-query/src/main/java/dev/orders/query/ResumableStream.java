package dev.orders.query;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/** Joins a replay from the change log to live changes without a gap or a duplicate at the seam. */
final class ResumableStream {

    /** Live items a subscriber may fall behind by before its stream fails; the client then resumes from the log. */
    static final int LIVE_BUFFER = 1024;

    private ResumableStream() {
    }

    /**
     * Subscribes to {@code live} first and buffers it, then emits {@code replay}, then the buffered and further live
     * items. Anything whose id is not above the highest id already emitted (initially {@code after}) is dropped, so
     * an item that is both replayed and live appears once. Both sources must be ascending by id.
     */
    static <T> Flux<T> resume(Flux<T> live, Flux<T> replay, ToLongFunction<T> id, long after, int liveBuffer) {
        return Flux.defer(() -> {
            Sinks.Many<T> buffer = Sinks.many().unicast().onBackpressureBuffer(Queues.<T>get(liveBuffer).get());
            Disposable subscription = live.subscribe(
                    item -> {
                        if (buffer.tryEmitNext(item).isFailure()) {
                            buffer.tryEmitError(Exceptions.failWithOverflow(
                                    "subscriber fell " + liveBuffer + " changes behind; resume with Last-Event-ID"));
                        }
                    },
                    buffer::tryEmitError,
                    buffer::tryEmitComplete);
            AtomicLong emitted = new AtomicLong(after);
            return Flux.concat(replay, buffer.asFlux())
                    .filter(item -> {
                        long itemId = id.applyAsLong(item);
                        if (itemId <= emitted.get()) {
                            return false;
                        }
                        emitted.set(itemId);
                        return true;
                    })
                    .doFinally(signal -> subscription.dispose());
        });
    }

    /** Adds a comment event every {@code every} for as long as {@code events} runs, keeping proxies from timing out. */
    static <T> Flux<ServerSentEvent<T>> withHeartbeats(Flux<ServerSentEvent<T>> events, Duration every) {
        ServerSentEvent<T> heartbeat = ServerSentEvent.<T>builder().comment("heartbeat").build();
        return events.publish(shared -> Flux.merge(shared,
                Flux.interval(every, every)
                        .map(tick -> heartbeat)
                        .takeUntilOther(shared.ignoreElements().onErrorComplete().then(Mono.just(true)))));
    }

    /**
     * Ends {@code events} when {@code shutdown} completes, with a last event that tells the client to reconnect after
     * {@code retry}: a load balancer then sends it to another instance, and it resumes there with Last-Event-ID.
     */
    static <T> Flux<ServerSentEvent<T>> endingOn(Flux<ServerSentEvent<T>> events, Mono<Void> shutdown,
                                                 Duration retry) {
        ServerSentEvent<T> goodbye = ServerSentEvent.<T>builder().comment("shutting down").retry(retry).build();
        return Flux.defer(() -> {
            AtomicBoolean stopped = new AtomicBoolean();
            return events.takeUntilOther(shutdown.doOnSuccess(done -> stopped.set(true)).then(Mono.just(true)))
                    .concatWith(Mono.fromSupplier(() -> stopped.get() ? goodbye : null));
        });
    }
}
