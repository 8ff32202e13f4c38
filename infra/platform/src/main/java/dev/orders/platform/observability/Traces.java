package dev.orders.platform.observability;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * Keeps reactive calls in the trace they were made in. A span started while a call is subscribed (e.g. the
 * WebClient's client span) takes the current trace context as its parent; retries and time-outs re-subscribe on
 * timer threads, where that context is gone, so the context of the assembling thread is made current around every
 * subscription.
 */
public final class Traces {

    private Traces() {
    }

    /** {@code call}, subscribed within the trace context current now (on the calling thread). */
    public static <T> Mono<T> inCurrentTrace(Mono<T> call) {
        return within(Context.current(), call);
    }

    /** {@code call}, subscribed within {@code context}. */
    public static <T> Mono<T> within(Context context, Mono<T> call) {
        return new Mono<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> subscriber) {
                try (Scope ignored = context.makeCurrent()) {
                    call.subscribe(subscriber);
                }
            }
        };
    }
}
