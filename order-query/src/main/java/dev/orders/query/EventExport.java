package dev.orders.query;

import dev.orders.platform.axon.ConditionalOnJdbcEventStore;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams stored events as NDJSON in global order, one page (one short query, one buffer) at a time: the next page
 * is read only as the client takes the previous ones, so memory stays at about two pages whatever the store holds.
 * The stream ends at the head position it saw when it started, so it is finite even while events keep arriving.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@ConditionalOnJdbcEventStore
@Component
final class EventExport {

    private final StoredEvents events;
    private final int pageSize;
    private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

    EventExport(StoredEvents events, @Value("${orders.events.page-size:1000}") int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("orders.events.page-size must be at least 1, got " + pageSize);
        }
        this.events = events;
        this.pageSize = pageSize;
    }

    /** The matching events as NDJSON, a buffer per page. */
    Flux<DataBuffer> ndjson(EventFilter filter) {
        return Mono.defer(events::head).flatMapMany(head -> {
            long upTo = filter.until() == null ? head : Math.min(head, filter.until());
            Page first = new Page(List.of(), filter.after() == null ? -1 : filter.after(), 0, false);
            return next(filter, upTo, first)
                    .expand(page -> page.last() ? Mono.empty() : next(filter, upTo, page))
                    .filter(page -> !page.events().isEmpty())
                    .map(page -> encode(page.events()));
        });
    }

    Mono<EventStats> stats(EventFilter filter) {
        return Mono.defer(() -> events.stats(filter));
    }

    private Mono<Page> next(EventFilter filter, long upTo, Page previous) {
        long wanted = filter.limit() == null ? pageSize : Math.min(pageSize, filter.limit() - previous.emitted());
        return events.page(filter, previous.lastPosition(), upTo, wanted)
                .collectList()
                .map(read -> {
                    long last = read.isEmpty() ? previous.lastPosition() : read.get(read.size() - 1).position();
                    long emitted = previous.emitted() + read.size();
                    boolean done = read.size() < wanted || (filter.limit() != null && emitted >= filter.limit());
                    return new Page(read, last, emitted, done);
                });
    }

    private DataBuffer encode(List<StoredEvent> page) {
        // A heap buffer: one that is dropped on cancellation needs no release.
        DataBuffer buffer = buffers.allocateBuffer(page.size() * 512);
        EventLines.write(page, buffer.asOutputStream());
        return buffer;
    }

    /** One page read: its events, the position it ended at, how many events so far, and whether it was the last. */
    private record Page(List<StoredEvent> events, long lastPosition, long emitted, boolean last) {
    }
}
