package dev.orders.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * One subscriber of {@code GET /api/v1/orders/updates?customerId=}: signals when the stream's data-less
 * {@code ready} event arrived (from then on no update is missed), hands every other event on, and on a
 * disconnect reconnects with {@code Last-Event-ID} as a browser would.
 */
final class CustomerStream {

    private final HttpApi api;
    private final String path;
    private final Consumer<SseParser.SseEvent> onEvent;
    private final Runnable onReady;
    private final AtomicLong reconnects;
    private final AtomicReference<String> lastId = new AtomicReference<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile Disposable subscription;

    CustomerStream(HttpApi api, String customerId, Consumer<SseParser.SseEvent> onEvent, Runnable onReady,
                   AtomicLong reconnects) {
        this.api = api;
        this.path = "/api/v1/orders/updates?customerId=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8);
        this.onEvent = onEvent;
        this.onReady = onReady;
        this.reconnects = reconnects;
    }

    void start() {
        subscription = Flux.defer(() -> api.sse(path, lastId.get()))
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
                        .doBeforeRetry(signal -> reconnects.incrementAndGet()))
                .repeatWhen(completions -> completions
                        .doOnNext(signal -> reconnects.incrementAndGet())
                        .delayElements(Duration.ofMillis(250)))
                .subscribe();
    }

    void stop() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
    }
}
