package dev.orders.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * One subscriber of {@code GET /api/v1/orders/updates} with a customer's token (the stream of that customer's
 * orders): signals when the stream's data-less {@code ready} event arrived (from then on no update is missed), hands
 * every other event on, and on a disconnect reconnects with {@code Last-Event-ID} as a browser would, with the
 * customer's access token of that moment. A refusal (401, 403, 429) is not retried: it goes to {@code onRefused}.
 */
final class CustomerStream {

    static final String PATH = "/api/v1/orders/updates";

    private final HttpApi api;
    private final TokenSession customer;
    private final Consumer<SseParser.SseEvent> onEvent;
    private final Consumer<AccessRefused> onRefused;
    private final Runnable onReady;
    private final AtomicLong reconnects;
    private final AtomicReference<String> lastId = new AtomicReference<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile Disposable subscription;

    CustomerStream(HttpApi api, TokenSession customer, Consumer<SseParser.SseEvent> onEvent, Runnable onReady,
                   AtomicLong reconnects, Consumer<AccessRefused> onRefused) {
        this.api = api;
        this.customer = customer;
        this.onEvent = onEvent;
        this.onRefused = onRefused;
        this.onReady = onReady;
        this.reconnects = reconnects;
    }

    void start() {
        subscription = Flux.defer(() -> api.sse(PATH, lastId.get(), customer))
                .doOnNext(event -> {
                    if (event.id() != null) {
                        lastId.set(event.id());
                    }
                    if ("ready".equals(event.event())) {
                        if (ready.compareAndSet(false, true)) {
                            onReady.run();
                        }
                    } else {
                        onEvent.accept(event);
                    }
                })
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(250))
                        .filter(error -> !(error instanceof AccessRefused))
                        .doBeforeRetry(signal -> reconnects.incrementAndGet()))
                .repeatWhen(completions -> completions
                        .doOnNext(signal -> reconnects.incrementAndGet())
                        .delayElements(Duration.ofMillis(250)))
                .subscribe(event -> { }, error -> {
                    if (error instanceof AccessRefused refusal) {
                        onRefused.accept(refusal);
                    }
                });
    }

    void stop() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
    }
}
