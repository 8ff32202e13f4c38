package dev.orders.query;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The gauge {@code orders.sse.subscribers} (tag {@code stream}: {@code order}, {@code customer}, {@code all}): SSE
 * streams open on this instance, counted from the moment a client subscribes until the stream ends for any reason
 * (completion, the client going away, an error, shutdown).
 */
@ConditionalOnRole(InstanceRole.QUERY)
@Component
final class SseSubscribers {

    static final String GAUGE = "orders.sse.subscribers";

    /** Which of the streams a subscriber reads. */
    enum Stream {
        /** One order's updates. */
        ORDER,
        /** One customer's orders: a customer's own stream, or staff naming a customer. */
        CUSTOMER,
        /** Every order (staff). */
        ALL
    }

    private final Map<Stream, AtomicInteger> open = new EnumMap<>(Stream.class);

    SseSubscribers(MeterRegistry meters) {
        for (Stream stream : Stream.values()) {
            AtomicInteger count = new AtomicInteger();
            open.put(stream, count);
            Gauge.builder(GAUGE, count, AtomicInteger::get)
                    .description("Server-sent event streams open on this instance")
                    .tag("stream", stream.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
    }

    /** The same events, counted as an open stream of the kind while subscribed. */
    <T> Flux<T> counted(Stream stream, Flux<T> events) {
        AtomicInteger count = open.get(stream);
        return Flux.defer(() -> {
            count.incrementAndGet();
            return events.doFinally(signal -> count.decrementAndGet());
        });
    }

    int open(Stream stream) {
        return open.get(stream).get();
    }
}
